using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// 10,000 generated malformed requests across every endpoint of both services: not one 5xx, and every database
/// (surveysdb, and the grain state in Redis) is exactly as it was. Over a third go to the open campaign with a valid
/// champion token, so that the response validator itself refuses them with a 400 naming the field.
/// </summary>
public sealed class BadInputAtScaleTests(IsolatedServers servers, ITestOutputHelper output) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const int Requests = 10_000;
    private Platform _platform = null!;

    // Over real Kestrel, so that what a hostile client can put on the wire (a %00 in the path, say) reaches the server.
    public async Task InitializeAsync() => _platform = await Platform.StartAsync(servers, overKestrel: true);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_no_5xx_and_change_no_data()
    {
        // Real data first, so "unchanged" means something.
        for (var i = 0; i < 5; i++)
        {
            var champion = _platform.Surveys.ClientWithToken(_platform.Identity.Champion("S37000008"));
            Assert.Equal(HttpStatusCode.Accepted, (await Responses.SubmitAsync(champion, "S37000008")).StatusCode);
        }

        var analyst = _platform.InsightHub.ClientWithToken(_platform.Identity.PolicyAnalyst());
        await Eventually.Returns(() => Feeds.AreaAsync(analyst, "S92000003", Responses.DemoCampaign), f => f.Campaign().ResponsesValue() == 5, because: "for the seed responses to reach the feed");
        await Eventually.Returns(() => _platform.ScalarAsync("SELECT count(*) FROM outbox_messages"), n => n == 0, because: "for the outbox to drain");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var surveysBefore = await SurveysDigestAsync();
        var grainsBefore = await GrainStateDigestAsync();

        var tokens = new Dictionary<string, string>
        {
            ["admin"] = _platform.Identity.Admin(),
            ["champion"] = _platform.Identity.Champion("S08000015"),
            ["policy-analyst"] = _platform.Identity.PolicyAnalyst(),
        };
        var generator = new MalformedRequests(new Random(20261123), role => tokens[role]);
        var surveys = _platform.Surveys.CreateClient();
        var hub = _platform.InsightHub.CreateClient();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var validatorAnswered = 0;
        var responsesBefore = await CampaignResponsesAsync();

        for (var i = 0; i < Requests; i++)
        {
            var request = generator.Next();
            using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            if (request.Token is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Token);
            }

            using var response = await (request.Target == MalformedRequests.Service.Surveys ? surveys : hub).SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 && failures.Count < 20)
            {
                failures.Add($"{status} for {request}: {await response.Content.ReadAsStringAsync()}");
            }

            if (status is >= 200 and < 300 && request.Method != HttpMethod.Get)
            {
                failures.Add($"{status} (accepted!) for {request}");
            }

            if (request.Field is not null)
            {
                // Aimed at the open campaign: the response validator itself must answer, naming the field.
                var problem = await ValidationProblemAsync(response);
                if (status == 400 && problem?["errors"]?[request.Field] is not null)
                {
                    validatorAnswered++;
                }
                else if (failures.Count < 20)
                {
                    failures.Add($"{status} without an error for '{request.Field}' for {request}: {problem?.ToJsonString() ?? "(no problem details)"}");
                }
            }
        }

        output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"Answered by the response validator, naming the field: {validatorAnswered}");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.True(validatorAnswered >= Requests / 3, $"Only {validatorAnswered} of {Requests} requests reached the response validator.");

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(surveysBefore, await SurveysDigestAsync());
        Assert.Equal(grainsBefore, await GrainStateDigestAsync());
        Assert.Equal(5, (await Feeds.AreaAsync(analyst, "S92000003", Responses.DemoCampaign)).Campaign().ResponsesValue());
        Assert.Equal(responsesBefore, await CampaignResponsesAsync());
    }

    /// <summary>The open campaign's response count as an admin reads it.</summary>
    private async Task<int> CampaignResponsesAsync()
    {
        var admin = _platform.Surveys.ClientWithToken(_platform.Identity.Admin());
        var campaign = await admin.GetFromJsonAsync<JsonNode>(new Uri($"/api/campaigns/{MalformedRequests.OpenCampaign}", UriKind.Relative));
        return campaign!["responses"]!.GetValue<int>();
    }

    private static async Task<JsonNode?> ValidationProblemAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A hash of every row of every table in surveysdb.</summary>
    private async Task<string> SurveysDigestAsync()
    {
        await using var connection = new NpgsqlConnection(_platform.SurveysDb);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digest = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            digest.Append(table).Append('=').Append(await command.ExecuteScalarAsync()).Append(';');
        }

        return digest.ToString();
    }

    /// <summary>A hash of the area grains' stored state (the aggregates), under this class's key prefix.</summary>
    private async Task<string> GrainStateDigestAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var server = redis.GetServers()[0];
        var db = redis.GetDatabase();
        var keys = server.Keys(pattern: $"{servers.RedisKeyPrefix}*state*").Select(k => (string)k!)
            .Where(k => k.Contains("area", StringComparison.OrdinalIgnoreCase) && !k.Contains("snapshot", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(keys);
        var digest = new StringBuilder();
        foreach (var key in keys)
        {
            // Orleans keeps each grain's state in a hash (data and etag); DUMP covers any type.
            var bytes = await db.KeyDumpAsync(key) ?? [];
            digest.Append(key).Append('=').Append(Convert.ToHexString(SHA256.HashData(bytes))).Append(';');
        }

        return digest.ToString();
    }
}
