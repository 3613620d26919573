using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.TestInfrastructure.Platform;
using Npgsql;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>After the load: each 202 has its own receipt, surveysdb holds each acknowledged submission once, and the Scotland feed counts what surveysdb holds.</summary>
public sealed partial class ChaosRun
{
    private const string Scotland = "S92000003";

    private async Task<(long Stored, long? Feed, List<string> Problems)> VerifyAsync(PlatformHost platform, List<Submission> submissions, CancellationToken ct)
    {
        var problems = new List<string>();
        var accepted = submissions.Where(s => s.Outcome == Outcome.Accepted).ToList();
        var acknowledged = accepted.Count + submissions.Count(s => s.Outcome == Outcome.AlreadyStored);
        var unsure = submissions.Count(s => s.Outcome == Outcome.Errored);

        var receipts = accepted.Select(s => s.Receipt).Distinct().Count();
        if (accepted.Any(s => s.Receipt is null) || receipts != accepted.Count)
        {
            problems.Add($"{accepted.Count} submissions got a 202 but there are {receipts} distinct receipts");
        }

        var stored = await StoredAsync(platform, ct);
        if (stored < acknowledged || stored > acknowledged + unsure)
        {
            problems.Add($"surveysdb holds {stored} responses; expected between {acknowledged} acknowledged and {acknowledged + unsure} (acknowledged + errored that may have been stored)");
        }

        var feed = await SettledFeedAsync(platform, stored, ct);
        if (feed != stored)
        {
            problems.Add($"the Scotland feed counts {feed?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}; surveysdb holds {stored}");
        }

        return (stored, feed, problems);
    }

    private static async Task<long> StoredAsync(PlatformHost platform, CancellationToken ct)
    {
        var surveysDb = await platform.App.GetConnectionStringAsync("surveysdb", ct)
            ?? throw new InvalidOperationException("surveysdb has no connection string.");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(surveysDb) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        // Accepted responses wait sealed in the intake until the next release (every 2 s under PlatformHost).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (await CountAsync(connection, "response_intake", ct) > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
        }

        return await CountAsync(connection, "responses", ct);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {table} where campaign_id = @campaign", connection);
        command.Parameters.AddWithValue("campaign", DemoCampaign);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The Scotland-level count once it equals surveysdb's, or has stopped changing for a while.</summary>
    private async Task<long?> SettledFeedAsync(PlatformHost platform, long expected, CancellationToken ct)
    {
        var identity = new IdentityOptions { SigningKey = platform.SigningKey };
        using var http = new HttpClient { BaseAddress = platform.Endpoint("insighthub"), Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentSigningKey.IssueToken(identity, "chaos-analyst", [Roles.PolicyAnalyst], null, options.Clock, TimeSpan.FromHours(12)));

        long? last = null;
        var started = options.Clock.GetTimestamp();
        var lastChange = started;
        while (true)
        {
            var now = await FeedCountAsync(http, ct);
            if (now == expected)
            {
                // Stays put: nothing counted twice arrives late.
                await Task.Delay(TimeSpan.FromSeconds(2), options.Clock, ct);
                return await FeedCountAsync(http, ct);
            }

            if (now != last)
            {
                (last, lastChange) = (now, options.Clock.GetTimestamp());
            }

            if (options.Clock.GetElapsedTime(lastChange) > options.FeedSettleTimeout || options.Clock.GetElapsedTime(started) > options.FeedSettleTimeout * 4)
            {
                return now;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), options.Clock, ct);
        }
    }

    private static async Task<long?> FeedCountAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"/api/feeds/areas/{Scotland}?campaign={DemoCampaign}", UriKind.Relative), ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var feed = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
            var value = feed?["campaigns"]?.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();
            return value is null ? null : (long)value.Value;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
