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
    public async Task The_OpenAPI_document_lists_every_endpoint_with_its_request_and_response_schemas()
    {
        var document = (await _surveys.CreateClient().GetFromJsonAsync<JsonNode>(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var paths = document["paths"]!.AsObject();

        (string Path, string Method, bool HasBody)[] endpoints =
        [
            ("/api/instruments", "get", false),
            ("/api/instruments", "post", true),
            ("/api/instruments/{instrumentId}", "get", false),
            ("/api/instruments/{instrumentId}/versions", "post", true),
            ("/api/instruments/{instrumentId}/versions/{version}", "get", false),
            ("/api/instruments/{instrumentId}/versions/{version}", "put", true),
            ("/api/campaigns", "get", false),
            ("/api/campaigns", "post", true),
            ("/api/campaigns/{campaignId}", "get", false),
            ("/api/campaigns/{campaignId}/responses", "post", true),
        ];
        var documented = paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key)))
            .ToHashSet();
        Assert.Equal(endpoints.Select(e => (e.Path, e.Method)).ToHashSet(), documented);

        foreach (var (path, method, hasBody) in endpoints)
        {
            var operation = paths[path]![method]!;
            if (hasBody)
            {
                Assert.True(operation["requestBody"]?["content"]?["application/json"]?["schema"] is not null, $"{method} {path} has no request schema");
            }

            if (method == "put")
            {
                // Published versions are immutable: the operation exists to say so.
                Assert.NotNull(operation["responses"]!["409"]!["content"]?["application/problem+json"]?["schema"]);
                continue;
            }

            var success = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{method} {path} documents no success response");
            Assert.All(success.Where(r => r.Key != "204"), r => Assert.NotNull(r.Value!["content"]?["application/json"]?["schema"]));
        }
    }
}
