using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// One submission is one trace in the Aspire dashboard: the surveys-api HTTP request, the outbox relay's publish,
/// InsightHub's consume and the grain calls all carry the trace id the request came in with.
/// </summary>
public sealed class SubmissionTraceTests
{
    [Fact]
    public async Task One_submission_is_one_trace_from_the_http_request_through_publish_and_consume_to_the_grain_call()
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

        // Each service exports in its own batches, so wait until every hop's span has arrived.
        Func<Span, bool>[] hops =
        [
            s => s.Service == "surveys-api" && s.Scope == "Microsoft.AspNetCore" && s.Name.StartsWith("POST /api/campaigns", StringComparison.Ordinal),
            s => s.Service == "surveys-api" && s.Scope == "MassTransit" && s.Operation == "send",
            s => s.Service == "insighthub" && s.Scope == "MassTransit" && s.Operation == "process",
            s => s.Service == "insighthub" && s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.StartsWith("IAreaInsightGrain/", StringComparison.Ordinal),
        ];
        using var dashboard = new HttpClient { BaseAddress = host.DashboardUri, Timeout = TimeSpan.FromSeconds(10) };
        var spans = await Eventually.Returns(
            () => SpansAsync(dashboard, traceId),
            s => hops.All(hop => s.Any(hop)),
            TimeSpan.FromSeconds(60),
            $"the HTTP, publish, consume and grain spans of trace {traceId} in the dashboard at {host.DashboardUri} ({host.Describe()})");

        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
    }

    private sealed record Span(string TraceId, string Service, string Scope, string Name, string? Operation);

    /// <summary>The trace's spans from the dashboard's telemetry API (OTLP JSON).</summary>
    private static async Task<IReadOnlyList<Span>> SpansAsync(HttpClient dashboard, string traceId)
    {
        JsonNode? body;
        try
        {
            using var response = await dashboard.GetAsync(new Uri($"/api/telemetry/traces/{traceId}", UriKind.Relative));
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
