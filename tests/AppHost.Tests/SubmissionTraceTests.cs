using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// A submission's trace ends in Surveys. The request's trace id reaches nothing beyond the surveys-api HTTP span: the
/// response is released later in a shuffled batch, under a trace of its own that runs from Surveys' publish through
/// InsightHub's consume to the grain calls. An operator reading traces can follow a batch, never a champion's request.
/// </summary>
public sealed class SubmissionTraceTests
{
    [Fact]
    public async Task A_submissions_trace_stops_at_surveys_and_its_release_is_one_trace_from_publish_through_consume_to_the_grain_call()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await using var host = await PlatformHost.StartAsync(new PlatformHostOptions
        {
            Dashboard = true,
            Settings = new Dictionary<string, string> { ["DemoSeed:Enabled"] = "false" },
        }, cancel.Token);
        await host.WaitUntilHealthyAsync(PlatformHostOptions.Resources, TimeSpan.FromMinutes(4), cancel.Token);
        var platform = new PlatformClient(host);

        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var parent = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        using (var response = await platform.SubmitAsync(PlatformClient.OpenDemoCampaign, "S08000015", PlatformClient.Answers(4), $"00-{traceId}-{parent}-01"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var dashboard = new HttpClient { BaseAddress = host.DashboardUri, Timeout = TimeSpan.FromSeconds(10) };
        // Each service exports in its own batches, so wait until every hop's span of the release has arrived.
        Func<Span, bool>[] hops =
        [
            s => s.Service == "surveys-api" && s.Scope == "MassTransit" && s.Operation == "send",
            s => s.Service == "insighthub" && s.Scope == "MassTransit" && s.Operation == "process",
            s => s.Service == "insighthub" && s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.StartsWith("IAreaInsightGrain/", StringComparison.Ordinal),
        ];
        // InsightHub starts many traces of its own (publications, flushes), so find the release through Surveys' sends.
        // Asked by name and by each instance's name: ?resource=surveys-api is a 404 when two resources share the name (a
        // restarted service, say), a likely reason a run under load once saw no send at all.
        var search = await Eventually.Returns(
            async () =>
            {
                var resources = (await TelemetryResourcesAsync(dashboard, "surveys-api")).Prepend("surveys-api").Distinct().ToList();
                var sends = new List<string>();
                foreach (var resource in resources)
                {
                    sends.AddRange((await SpansAsync(dashboard, $"/api/telemetry/traces?resource={Uri.EscapeDataString(resource)}&limit=500"))
                        .Where(hops[0]).Select(s => s.TraceId));
                }

                sends = [.. sends.Distinct()];
                var seen = new List<string>();
                foreach (var candidate in sends)
                {
                    var trace = await SpansAsync(dashboard, $"/api/telemetry/traces/{candidate}");
                    if (hops.All(hop => trace.Any(hop)))
                    {
                        return new ReleaseSearch(trace, "found");
                    }

                    seen.Add($"{candidate[..8]}: {string.Join(" ", trace.Select(s => $"{s.Service}/{s.Scope}/{s.Name}").Distinct())}");
                }

                // What the failure message shows: every trace with a send from Surveys, and the spans it had.
                return new ReleaseSearch(null, $"telemetry resources [{string.Join(", ", resources)}], {sends.Count} traces with a send from surveys-api [{string.Join("; ", seen)}]");
            },
            search => search.Trace is not null,
            TimeSpan.FromSeconds(120),
            $"a release trace with Surveys' publish, InsightHub's consume and a grain call in the dashboard at {host.DashboardUri} ({host.Describe()})");
        var release = search.Trace!;

        Assert.NotEqual(traceId, release[0].TraceId);
        // The request's span travels in its own export batch, which may reach the dashboard after the release's.
        var request = await Eventually.Returns(
            () => SpansAsync(dashboard, $"/api/telemetry/traces/{traceId}"),
            spans => spans.Any(s => s.Service == "surveys-api" && s.Scope == "Microsoft.AspNetCore" && s.Name.StartsWith("POST /api/campaigns", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            $"the submission's POST span under trace {traceId} in the dashboard at {host.DashboardUri}");
        Assert.All(request, s =>
        {
            Assert.Equal("surveys-api", s.Service);
            Assert.NotEqual("MassTransit", s.Scope);
        });
    }

    private sealed record ReleaseSearch(IReadOnlyList<Span>? Trace, string Seen)
    {
        public override string ToString() => Seen;
    }

    private sealed record Span(string TraceId, string Service, string Scope, string Name, string? Operation);

    /// <summary>The name the telemetry API knows each instance of a service by (with its instance id when there are several).</summary>
    private static async Task<IReadOnlyList<string>> TelemetryResourcesAsync(HttpClient dashboard, string service)
    {
        try
        {
            using var response = await dashboard.GetAsync(new Uri("/api/telemetry/resources", UriKind.Relative));
            var resources = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonArray>() : null;
            return
            [
                .. from resource in resources ?? []
                   where resource?["name"]?.GetValue<string>() == service
                   let instance = resource!["instanceId"]?.GetValue<string>()
                   select resource["displayName"]?.GetValue<string>() ?? (instance is null ? service : $"{service}-{instance}"),
            ];
        }
        catch (HttpRequestException)
        {
            return []; // the dashboard is still starting
        }
    }

    /// <summary>Spans from the dashboard's telemetry API (OTLP JSON): one trace, or a list of them.</summary>
    private static async Task<IReadOnlyList<Span>> SpansAsync(HttpClient dashboard, string path)
    {
        JsonNode? body;
        try
        {
            using var response = await dashboard.GetAsync(new Uri(path, UriKind.Relative));
            body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonNode>() : null;
        }
        catch (HttpRequestException)
        {
            return []; // the dashboard is still starting
        }

        return
        [
            .. from resource in body?["data"]?["resourceSpans"]?.AsArray() ?? []
               let service = Attribute(resource?["resource"]?["attributes"], "service.name")
               from scope in resource?["scopeSpans"]?.AsArray() ?? []
               from span in scope?["spans"]?.AsArray() ?? []
               select new Span(
                   span!["traceId"]!.GetValue<string>(),
                   service ?? string.Empty,
                   scope!["scope"]?["name"]?.GetValue<string>() ?? string.Empty,
                   span["name"]!.GetValue<string>(),
                   Attribute(span["attributes"], "messaging.operation")),
        ];
    }

    private static string? Attribute(JsonNode? attributes, string key) =>
        attributes?.AsArray().FirstOrDefault(a => a?["key"]?.GetValue<string>() == key)?["value"]?["stringValue"]?.GetValue<string>();
}
