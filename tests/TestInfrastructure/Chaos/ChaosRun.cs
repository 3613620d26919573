using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>
/// The fault-injection run shared by Resilience.Tests and the <c>chaos</c> benchmark: the real platform under the
/// AppHost, <c>submissions</c> split into one phase per fault plus a last calm one; in each faulty phase the fault's
/// process is killed with SIGKILL once a third of the phase is sent, and the AppHost restarts it. Then every
/// acknowledged submission must be stored exactly once in surveysdb and counted exactly once in the Scotland feed.
/// </summary>
public sealed partial class ChaosRun(ChaosOptions options, ILogger logger)
{
    public static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");
    private const string Scotland = "S92000003";

    public async Task<ChaosResult> RunAsync(CancellationToken ct)
    {
        var clock = options.Clock;
        await using var platform = await PlatformProcess.StartAsync(options.Configuration, ct);
        await platform.WaitUntilAsync(PlatformProcess.AllHealthy, options.StartTimeout, "every resource to be healthy", ct);
        LogHealthy(logger, platform.DataDirectory);

        var surveys = new Uri(platform.Resource("surveys-api")["Endpoint"]!.GetValue<string>());
        using var load = new LoadGenerator(surveys, platform.SigningKey, DemoCampaign, options.Clients, clock) { RetryBudget = options.RetryBudget };
        var recoveries = new List<Recovery>();
        var started = clock.GetTimestamp();
        var phases = options.Faults.Count + 1;
        for (var phase = 0; phase < phases; phase++)
        {
            var count = (options.Submissions / phases) + (phase == phases - 1 ? options.Submissions % phases : 0);
            var before = load.Submissions.Count;
            var sending = load.SendAsync(count, ct);
            if (phase < options.Faults.Count)
            {
                while (load.Submissions.Count < before + (count / 3) && !sending.IsCompleted)
                {
                    await Task.Delay(50, ct);
                }

                recoveries.Add(await InjectAsync(platform, load, options.Faults[phase], sending, ct));
            }

            await sending;
        }

        var duration = clock.GetElapsedTime(started);
        var submissions = load.Submissions.ToList();
        var (stored, feed, problems) = await VerifyAsync(platform, submissions, ct);
        await platform.StopAsync(TimeSpan.FromSeconds(30));
        var left = Signal.Tree(platform.Pid).Skip(1).Where(p => Signal.CommandLine(p).Length > 0).ToList();
        if (left.Count > 0)
        {
            problems.Add("left behind after the AppHost stopped: " + string.Join(", ", left.Select(p => $"{p} {Signal.CommandLine(p)}")));
        }

        return new ChaosResult(submissions, recoveries, stored, feed, duration, new Dictionary<string, int>(load.FailedAttempts), problems);
    }

    private async Task<Recovery> InjectAsync(PlatformProcess platform, LoadGenerator load, Fault fault, Task sending, CancellationToken ct)
    {
        var state = platform.State()!;
        var restarts = PlatformProcess.Restarts(state, fault.Resource);
        var resourcePid = PlatformProcess.Resource(state, fault.Resource)["Pid"]!.GetValue<int>();
        var pid = fault.ProcessInTree is null ? resourcePid : Signal.FindInTree(resourcePid, fault.ProcessInTree)
            ?? throw new InvalidOperationException($"No {fault.ProcessInTree} under {fault.Resource} (pid {resourcePid}).");

        var killedAt = load.Elapsed;
        Signal.Send(pid, "KILL");
        LogKilled(logger, fault.Name, pid);

        await platform.WaitUntilAsync(
            s => PlatformProcess.Restarts(s, fault.Resource) > restarts && PlatformProcess.AllHealthy(s),
            options.RecoveryTimeout,
            $"{fault.Resource} to be restarted and everything healthy again",
            ct);
        var healthy = load.Elapsed - killedAt;

        // Accepting again: a 202 that came back after the platform was healthy (a probe of our own if the phase is over).
        var deadline = load.Elapsed + options.RecoveryTimeout;
        var healthyAt = killedAt + healthy;
        while (!load.Submissions.Any(s => s.Outcome == Outcome.Accepted && s.FinishedAt >= healthyAt))
        {
            if (load.Elapsed > deadline)
            {
                throw new TimeoutException($"No submission accepted within {options.RecoveryTimeout.TotalSeconds:0} s after {fault.Name} recovered.\n{platform.Tail()}");
            }

            if (sending.IsCompleted)
            {
                await load.SendAsync(1, ct);
            }
            else
            {
                await Task.Delay(50, ct);
            }
        }

        var accepting = load.Submissions.Where(s => s.Outcome == Outcome.Accepted && s.FinishedAt >= healthyAt).Min(s => s.FinishedAt) - killedAt;
        LogRecovered(logger, fault.Name, healthy.TotalSeconds, accepting.TotalSeconds);
        return new Recovery(fault, pid, healthy, accepting);
    }

    private async Task<(long Stored, long? Feed, List<string> Problems)> VerifyAsync(PlatformProcess platform, List<Submission> submissions, CancellationToken ct)
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
            problems.Add($"the Scotland feed counts {feed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}; surveysdb holds {stored}");
        }

        return (stored, feed, problems);
    }

    private static async Task<long> StoredAsync(PlatformProcess platform, CancellationToken ct)
    {
        var endpoint = platform.Resource("postgres")["Endpoint"]!.GetValue<string>().Split(':');
        var connectionString = $"Host={endpoint[0]};Port={endpoint[1]};Username=postgres;Database=surveysdb;Pooling=false";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select count(*) from responses where campaign_id = @campaign", connection);
        command.Parameters.AddWithValue("campaign", DemoCampaign);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The Scotland-level count once it equals surveysdb's, or has stopped changing for a while.</summary>
    private async Task<long?> SettledFeedAsync(PlatformProcess platform, long expected, CancellationToken ct)
    {
        var identity = new IdentityOptions { SigningKey = platform.SigningKey };
        using var http = new HttpClient { BaseAddress = new Uri(platform.Resource("insighthub")["Endpoint"]!.GetValue<string>()), Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentSigningKey.IssueToken(identity, "chaos-analyst", [Roles.PolicyAnalyst], null, options.Clock, TimeSpan.FromHours(12)));

        long? last = null;
        var lastChange = options.Clock.GetTimestamp();
        var deadline = Stopwatch.StartNew();
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

            if (options.Clock.GetElapsedTime(lastChange) > options.FeedSettleTimeout || deadline.Elapsed > options.FeedSettleTimeout * 4)
            {
                return now;
            }

            await Task.Delay(500, ct);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform healthy (data in {DataDirectory})")]
    private static partial void LogHealthy(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kill -9 {Fault} (pid {Pid})")]
    private static partial void LogKilled(ILogger logger, string fault, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Fault}: healthy again after {HealthySeconds:0.0} s, accepting after {AcceptingSeconds:0.0} s")]
    private static partial void LogRecovered(ILogger logger, string fault, double healthySeconds, double acceptingSeconds);
}
