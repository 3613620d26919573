using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>Every endpoint against every role and against no token.</summary>
public sealed class AuthorisationMatrixTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private static readonly string?[] Callers = [null, "champion", "org-editor", "reviewer", "policy-analyst", "admin"];
    private SurveysHost _host = null!;

    public async Task InitializeAsync() => _host = await SurveysHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // Expected status per caller, in the order of Callers: anonymous, champion, org-editor, reviewer, policy-analyst, admin.
    public static TheoryData<string, string, int[]> Endpoints => new()
    {
        { "GET", "/api/instruments", [200, 200, 200, 200, 200, 200] },
        { "GET", "/api/instruments/{pulse}", [200, 200, 200, 200, 200, 200] },
        { "GET", "/api/instruments/{pulse}/versions/1", [200, 200, 200, 200, 200, 200] },
        { "POST", "/api/instruments", [401, 403, 403, 403, 403, 201] },
        { "POST", "/api/instruments/{new}/versions", [401, 403, 403, 403, 403, 201] },
        { "PUT", "/api/instruments/{pulse}/versions/1", [401, 403, 403, 403, 403, 409] },
        { "POST", "/api/campaigns", [401, 403, 403, 403, 403, 201] },
        { "GET", "/api/campaigns", [401, 200, 200, 200, 200, 200] },
        { "GET", "/api/campaigns/{demo}", [401, 200, 200, 200, 200, 200] },
        { "POST", "/api/campaigns/{demo}/responses", [401, 202, 403, 403, 403, 403] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_gets_exactly_the_access_it_should(string method, string template, int[] expected)
    {
        for (var i = 0; i < Callers.Length; i++)
        {
            var path = template
                .Replace("{pulse}", SurveysHost.PulseInstrument.ToString(), StringComparison.Ordinal)
                .Replace("{demo}", SurveysHost.DemoCampaign.ToString(), StringComparison.Ordinal)
                .Replace("{new}", (await NewInstrumentAsync()).ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
            {
                Content = method == "GET" ? null : JsonContent.Create(BodyFor(template)),
            };
            var response = await _host.As(Callers[i]).SendAsync(request);
            Assert.True(
                (int)response.StatusCode == expected[i],
                $"{method} {template} as {Callers[i] ?? "anonymous"}: expected {expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<Guid> NewInstrumentAsync()
    {
        var response = await _host.Admin().PostAsJsonAsync(new Uri("/api/instruments", UriKind.Relative), new { title = "Matrix" });
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
    }

    private static object BodyFor(string template) => template switch
    {
        "/api/instruments" => new { title = "A new instrument" },
        "/api/instruments/{new}/versions" or "/api/instruments/{pulse}/versions/1" => new
        {
            items = new[] { new { id = "valued", text = "I feel valued", kind = "Likert", pillar = "Employ", outcomeCodes = new[] { "EMPLOY-S1" }, required = true } },
        },
        "/api/campaigns" => new
        {
            title = "Matrix campaign",
            instrumentId = SurveysHost.PulseInstrument,
            instrumentVersion = 1,
            opensAt = DateTimeOffset.UtcNow.AddDays(1),
            closesAt = DateTimeOffset.UtcNow.AddDays(30),
            organisations = new[] { new { organisationCode = "S08000015", eligibleHeadcount = 100 } },
        },
        "/api/campaigns/{demo}/responses" => SurveysHost.PulseAnswers("S08000015"),
        _ => new { },
    };
}
