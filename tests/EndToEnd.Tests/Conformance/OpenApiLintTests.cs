using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using Xunit.Abstractions;

namespace ChampionNetwork.EndToEnd.Tests.Conformance;

/// <summary>
/// Both services' OpenAPI documents, as the running services serve them, pass <c>@redocly/cli lint</c> (the
/// recommended ruleset) with no errors: among others, every operation declares its security, so a generated client
/// sends the bearer token where one is needed.
/// </summary>
public sealed class OpenApiLintTests(IsolatedServers servers, ITestOutputHelper output) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private Platform _platform = null!;

    public async Task InitializeAsync() => _platform = await Platform.StartAsync(servers);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Redocly_lint_finds_no_error_in_either_OpenAPI_document()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var folder = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var surveys = Path.Combine(folder.FullName, "surveys.json");
            var insightHub = Path.Combine(folder.FullName, "insighthub.json");
            await File.WriteAllTextAsync(surveys, await _platform.Surveys.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancel.Token), cancel.Token);
            await File.WriteAllTextAsync(insightHub, await _platform.InsightHub.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancel.Token), cancel.Token);

            AssertBearerWhereAuthorizationIsRequired(JsonNode.Parse(await File.ReadAllTextAsync(surveys, cancel.Token))!);
            AssertBearerWhereAuthorizationIsRequired(JsonNode.Parse(await File.ReadAllTextAsync(insightHub, cancel.Token))!);

            var (exitCode, stdout, stderr) = await ConformanceClients.RunAsync("redocly", ["lint", surveys, insightHub, "--format=stylish"], cancel.Token);
            output.WriteLine(stdout + stderr);

            var errors = new List<string>();
            foreach (var document in new[] { surveys, insightHub })
            {
                var (_, report, _) = await ConformanceClients.RunAsync("redocly", ["lint", document, "--format=json"], cancel.Token);
                errors.AddRange(JsonNode.Parse(report)!["problems"]!.AsArray()
                    .Where(p => p!["severity"]!.GetValue<string>() == "error")
                    .Select(p => $"{Path.GetFileName(document)} {p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}"));
            }

            Assert.True(errors.Count == 0, $"{errors.Count} lint error(s):\n" + string.Join('\n', errors));
            Assert.Equal(0, exitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A lint that passes with <c>security: []</c> everywhere would prove nothing: the JWT bearer scheme is declared,
    /// the anonymous operations (reading instruments) have no security, and every other operation needs the bearer.
    /// </summary>
    private static void AssertBearerWhereAuthorizationIsRequired(JsonNode document)
    {
        // The unsubscribe link of a subscription e-mail works without signing in (a signed token instead).
        string[] anonymous = ["get /api/instruments", "get /api/instruments/{instrumentId}", "get /api/instruments/{instrumentId}/versions/{version}",
            "get /api/subscriptions/unsubscribe", "post /api/subscriptions/unsubscribe"];
        var scheme = document["components"]?["securitySchemes"]?["Bearer"];
        Assert.Equal("http", scheme?["type"]?.GetValue<string>());
        Assert.Equal("bearer", scheme?["scheme"]?.GetValue<string>());
        Assert.Equal("JWT", scheme?["bearerFormat"]?.GetValue<string>());

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method} {path}";
                var security = operation!["security"]?.ToJsonString();
                Assert.Equal(anonymous.Contains(name) ? "[]" : "[{\"Bearer\":[]}]", security);
            }
        }
    }
}
