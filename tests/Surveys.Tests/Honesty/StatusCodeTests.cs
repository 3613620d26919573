using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.Surveys.Tests.Honesty;

/// <summary>
/// The error statuses a client must be able to act on, each as RFC 9457 problem+json and with no stack trace: 404 for
/// an unknown route or campaign, 413 for a body over the limit, and 503 with Retry-After while the database is away.
/// </summary>
public sealed class StatusCodeTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private readonly TestIdentity _identity = new();
    private PostgresProxy _database = null!;
    private ServiceUnderTest<Program> _surveys = null!;

    public async Task InitializeAsync()
    {
        _database = new PostgresProxy(await servers.DatabaseAsync("surveysdb"));
        _surveys = new ServiceUnderTest<Program>(ServiceSettings.Surveys(servers.RabbitMqUri, _database.ConnectionString, _identity));
        _surveys.Start();
        await _surveys.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        await _surveys.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _surveys.ClientWithToken(_identity.Admin()).GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(404, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_problem_when_read_and_when_answered()
    {
        var unknown = Guid.NewGuid();
        var read = await _surveys.ClientWithToken(_identity.Admin()).GetAsync(new Uri($"/api/campaigns/{unknown}", UriKind.Relative));
        await ProblemAsync(read, HttpStatusCode.NotFound);

        var answered = await _surveys.ClientWithToken(_identity.Champion("S08000015"))
            .PostAsync(SurveysHost.ResponsesOf(unknown), Json(SurveysHost.PulseAnswers("S08000015")));
        var problem = await ProblemAsync(answered, HttpStatusCode.NotFound);
        Assert.Contains(unknown.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_is_not_stored()
    {
        var before = await InstrumentCountAsync();
        var title = new string('x', (int)ServiceDefaults.RequestBodyLimit.DefaultMaxBytes);
        var response = await _surveys.ClientWithToken(_identity.Admin())
            .PostAsync(new Uri("/api/instruments", UriKind.Relative), Json(new { title }));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Equal(before, await InstrumentCountAsync());
    }

    [Fact]
    public async Task With_the_database_away_a_request_is_a_503_problem_with_Retry_After()
    {
        // The service is up and has answered from its database; then the database goes away.
        Assert.Equal(HttpStatusCode.OK, (await _surveys.ClientWithToken(_identity.Admin()).GetAsync(new Uri("/api/campaigns", UriKind.Relative))).StatusCode);
        await _database.CutAsync();

        foreach (var attempt in new[] { "a pooled connection", "a new connection" })
        {
            var response = await _surveys.ClientWithToken(_identity.Admin()).GetAsync(new Uri("/api/campaigns", UriKind.Relative));
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, attempt);
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            var retryAfter = response.Headers.RetryAfter;
            Assert.True(retryAfter?.Delta is { } delta && delta > TimeSpan.Zero, $"Retry-After on {attempt}: '{retryAfter}'");
        }

        var answered = await _surveys.ClientWithToken(_identity.Champion("S08000015"))
            .PostAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), Json(SurveysHost.PulseAnswers("S08000015")));
        await ProblemAsync(answered, HttpStatusCode.ServiceUnavailable, "a response submitted");
        Assert.NotNull(answered.Headers.RetryAfter?.Delta);
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task<int> InstrumentCountAsync() =>
        JsonNode.Parse(await _surveys.ClientWithToken(_identity.Admin()).GetStringAsync(new Uri("/api/instruments", UriKind.Relative)))!.AsArray().Count;

    /// <summary>Asserts the status and an RFC 9457 body that shows nothing of the server's insides.</summary>
    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? what = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what ?? response.RequestMessage?.RequestUri?.ToString()}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), $"No title: {body}");
        Assert.False(problem.ContainsKey("exception"), $"Exception details: {body}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        return problem;
    }
}
