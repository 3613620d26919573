using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Surveys.Tests;

public sealed class InstrumentTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private SurveysHost _host = null!;

    public async Task InitializeAsync() => _host = await SurveysHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_published_version_cannot_be_changed_and_a_change_makes_a_new_version()
    {
        var admin = _host.Admin();
        var created = await admin.PostAsJsonAsync(new Uri("/api/instruments", UriKind.Relative), new { title = "Team check-in" });
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
        var v1 = await admin.PostAsJsonAsync(new Uri($"/api/instruments/{id}/versions", UriKind.Relative), Version("I feel valued"));
        Assert.Equal(HttpStatusCode.Created, v1.StatusCode);

        var put = await admin.PutAsJsonAsync(new Uri($"/api/instruments/{id}/versions/1", UriKind.Relative), Version("I feel valued at work"));
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        var republish = await admin.PostAsJsonAsync(new Uri($"/api/instruments/{id}/versions", UriKind.Relative), Version("I feel valued at work", version: 1));
        Assert.Equal(HttpStatusCode.Conflict, republish.StatusCode);
        Assert.EndsWith("instrument-version-published", (await republish.Content.ReadFromJsonAsync<JsonNode>())!["type"]!.GetValue<string>(), StringComparison.Ordinal);

        var v2 = await admin.PostAsJsonAsync(new Uri($"/api/instruments/{id}/versions", UriKind.Relative), Version("I feel valued at work"));
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);
        Assert.Equal(2, (await v2.Content.ReadFromJsonAsync<JsonNode>())!["version"]!.GetValue<int>());

        var anonymous = _host.As(null);
        var first = await _host.GetJsonAsync(anonymous, $"/api/instruments/{id}/versions/1");
        Assert.Equal("I feel valued", first["items"]![0]!["text"]!.GetValue<string>());
        var summary = await _host.GetJsonAsync(anonymous, $"/api/instruments/{id}");
        Assert.Equal([1, 2], summary["versions"]!.AsArray().Select(v => v!.GetValue<int>()));
    }

    [Fact]
    public async Task The_sample_pulse_is_published_with_Likert_labels_and_Action_Plan_outcomes()
    {
        var pulse = await _host.GetJsonAsync(_host.As(null), $"/api/instruments/{SurveysHost.PulseInstrument}/versions/1");

        Assert.Equal("Workforce wellbeing pulse", pulse["title"]!.GetValue<string>());
        var valued = pulse["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "valued")!;
        Assert.Equal("Likert", valued["kind"]!.GetValue<string>());
        Assert.Equal("EMPLOY-S1", valued["outcomeCodes"]![0]!.GetValue<string>());
        Assert.Equal(5, valued["labels"]!.AsArray().Count);
        Assert.Contains(pulse["items"]!.AsArray(), i => i!["kind"]!.GetValue<string>() == "FreeText");
    }

    [Theory]
    [InlineData("""{ "items": [ { "id": "valued", "text": "x", "kind": "Likert", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S9"] } ] }""", "items[0].outcomeCodes[0]")]
    [InlineData("""{ "items": [ { "id": "valued", "text": "x", "kind": "Likert", "pillar": "Wellness", "outcomeCodes": ["EMPLOY-S1"] } ] }""", "items[0].pillar")]
    [InlineData("""{ "items": [ { "id": "Not An Id", "text": "x", "kind": "Likert", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"] } ] }""", "items[0].id")]
    [InlineData("""{ "items": [ { "id": "pick", "text": "x", "kind": "SingleChoice", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"], "options": ["only one"] } ] }""", "items[0].options")]
    [InlineData("""{ "items": [ { "id": "valued", "text": "x", "kind": "Sometimes", "pillar": "Employ", "outcomeCodes": ["EMPLOY-S1"] } ] }""", "items[0].kind")]
    [InlineData("""{ "items": [] }""", "items")]
    public async Task An_invalid_version_is_refused_with_400_naming_the_field(string body, string field)
    {
        var admin = _host.Admin();
        var created = await admin.PostAsJsonAsync(new Uri("/api/instruments", UriKind.Relative), new { title = "Invalid" });
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();

        var response = await admin.PostAsync(new Uri($"/api/instruments/{id}/versions", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(problem["errors"]?[field] is not null, $"expected an error for {field}: {problem.ToJsonString()}");
        var versions = await _host.GetJsonAsync(admin, $"/api/instruments/{id}");
        Assert.Empty(versions["versions"]!.AsArray());
    }

    private static object Version(string text, int? version = null) => new
    {
        version,
        items = new[] { new { id = "valued", text, kind = "Likert", pillar = "Employ", outcomeCodes = new[] { "EMPLOY-S1" }, required = true } },
    };
}
