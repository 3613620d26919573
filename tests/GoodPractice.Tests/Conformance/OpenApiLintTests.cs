using System.Text.Json.Nodes;
using ChampionNetwork.EndToEnd.Tests.Conformance;
using ChampionNetwork.TestInfrastructure;
using Xunit.Abstractions;

namespace ChampionNetwork.GoodPractice.Tests.Conformance;

/// <summary>
/// GoodPractice's OpenAPI document, as the running service serves it, passes <c>@redocly/cli lint</c> (the recommended
/// ruleset) with no errors, and declares the bearer token on every operation that needs one.
/// </summary>
public sealed class OpenApiLintTests(IsolatedServers servers, ITestOutputHelper output) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    // Anonymous callers may read public items, search them and read the feeds; everything else needs a token.
    private static readonly string[] Anonymous =
    [
        "get /api/practices", "get /api/practices/{practiceId}", "get /api/practices/{practiceId}/similar",
        "get /api/feeds/practices.atom", "get /api/feeds/practices/pillars/{pillar}.atom", "get /api/feeds/practices/areas/{area}.atom",
    ];

    private GoodPracticeHost _host = null!;

    public async Task InitializeAsync() => _host = await GoodPracticeHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Redocly_lint_finds_no_error_in_the_OpenAPI_document()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var folder = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var document = Path.Combine(folder.FullName, "goodpractice.json");
            await File.WriteAllTextAsync(document, await _host.Anonymous().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancel.Token), cancel.Token);

            var paths = JsonNode.Parse(await File.ReadAllTextAsync(document, cancel.Token))!["paths"]!.AsObject();
            var operations = 0;
            foreach (var (path, item) in paths)
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    var name = $"{method} {path}";
                    Assert.Equal(Anonymous.Contains(name) ? "[]" : "[{\"Bearer\":[]}]", operation!["security"]?.ToJsonString());
                    operations++;
                }
            }

            // 12 operations and the portal's Markdown preview (POST /api/practices/preview).
            Assert.Equal(13, operations);
            var (exitCode, report, stderr) = await ConformanceClients.RunAsync("redocly", ["lint", document, "--format=json"], cancel.Token);
            output.WriteLine(report + stderr);
            var errors = JsonNode.Parse(report)!["problems"]!.AsArray()
                .Where(p => p!["severity"]!.GetValue<string>() == "error")
                .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
                .ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} lint error(s):\n" + string.Join('\n', errors));
            Assert.Equal(0, exitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
