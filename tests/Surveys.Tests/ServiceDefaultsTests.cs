using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>What every service exposes to the AppHost and to operators, checked on the Surveys service.</summary>
public sealed class ServiceDefaultsTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private ServiceUnderTest<Program> _surveys = null!;

    public async Task InitializeAsync()
    {
        _surveys = new ServiceUnderTest<Program>(ServiceSettings.Surveys(servers.RabbitMqUri, await servers.DatabaseAsync("surveysdb"), new TestIdentity()));
        _surveys.Start();
        await _surveys.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync() => await _surveys.DisposeAsync();

    [Fact]
    public async Task Health_runs_the_database_and_broker_checks_and_reports_healthy()
    {
        var health = (await _surveys.CreateClient().GetFromJsonAsync<JsonNode>(new Uri("/health", UriKind.Relative)))!;

        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
        Assert.Equal("Healthy", health["checks"]!["surveysdb"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", health["checks"]!["masstransit-bus"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alive_runs_only_the_liveness_checks()
    {
        var alive = (await _surveys.CreateClient().GetFromJsonAsync<JsonNode>(new Uri("/alive", UriKind.Relative)))!;

        var checks = alive["checks"]!.AsObject().Select(c => c.Key).ToList();
        Assert.Equal(["self"], checks);
    }

    [Fact]
    public async Task Metrics_are_served_in_Prometheus_text_format()
    {
        var response = await _surveys.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", body, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_responses_endpoint()
    {
        var document = (await _surveys.CreateClient().GetFromJsonAsync<JsonNode>(new Uri("/openapi/v1.json", UriKind.Relative)))!;

        Assert.NotNull(document["paths"]!["/api/campaigns/{campaignId}/responses"]!["post"]);
    }
}
