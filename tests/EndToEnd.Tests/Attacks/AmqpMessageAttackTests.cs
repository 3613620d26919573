extern alias surveys;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChampionNetwork.Messaging.Tests.Privacy;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RabbitMQ.Client;

namespace ChampionNetwork.EndToEnd.Tests.Attacks;

/// <summary>
/// A broker administrator, and an operator reading telemetry, try to date a response finer than the day. Surveys runs
/// on real RabbitMQ and PostgreSQL; the attacker binds a queue of their own to the InsightSubmitted exchange and reads
/// the raw AMQP message a champion's response becomes, and collects every span Surveys exports for the POST.
/// </summary>
public sealed class AmqpMessageAttackTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000008";
    private const string InsightSubmittedExchange = "ChampionNetwork.Contracts.Surveys:InsightSubmitted";
    private const string BrowserUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) ChampionAttackProbe/1.0";

    private readonly TestIdentity _identity = new();
    private readonly ConcurrentQueue<Activity> _exportedSpans = new();
    private ServiceUnderTest<surveys::Program> _surveys = null!;
    private IConnection _broker = null!;
    private IChannel _channel = null!;
    private string _tap = null!;

    public async Task InitializeAsync()
    {
        _broker = await new ConnectionFactory { Uri = servers.RabbitMqUri }.CreateConnectionAsync();
        _channel = await _broker.CreateChannelAsync();
        // The exchange as MassTransit declares it for the message type; our tap queue sees every message published to it.
        await _channel.ExchangeDeclareAsync(InsightSubmittedExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        _tap = (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await _channel.QueueBindAsync(_tap, InsightSubmittedExchange, "");

        // A database of this test's own: a response another test left in the outbox must not reach this test's tap.
        var postgres = await TestServers.PostgresAsync();
        var settings = ServiceSettings.Surveys(servers.RabbitMqUri, await postgres.CreateDatabaseAsync(TestNames.Unique("surveysdb")), _identity);
        // Responses are released in batches on a schedule; release often so the test need not wait a day.
        settings["Anonymity:ReleaseEvery"] = "00:00:01";
        _surveys = new ServiceUnderTest<surveys::Program>(
            settings,
            services => services.ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.AddProcessor(new SimpleActivityExportProcessor(new CollectingExporter(_exportedSpans)))));
        _surveys.OverKestrel();
        _surveys.Start();
        await _surveys.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        await _surveys.DisposeAsync();
        await _channel.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task The_AMQP_message_a_response_becomes_holds_no_time_finer_than_the_day()
    {
        var before = DateTimeOffset.UtcNow;
        var response = await SubmitAsync(traceparent: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var message = await NextTappedMessageAsync();

        Assert.Contains(message.Fields, f => f.Where == "body.message.organisationCode" && Equals(f.Value, Organisation));
        var times = message.TimesFinerThanTheDay(before);
        Assert.True(times.Count == 0, "The AMQP message dates the response finer than the day: " + string.Join("; ", times));
    }

    [Fact]
    public async Task The_AMQP_message_a_response_becomes_carries_no_trace_id_from_the_request()
    {
        // A trace id of the attacker's choosing, as a champion's browser (or a proxy in front of it) would send.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var response = await SubmitAsync(traceparent: $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var message = await NextTappedMessageAsync();

        // The attack is set up right: Surveys took the request's trace, and its POST span says so.
        await Eventually.Returns(
            () => Task.FromResult(_exportedSpans.Any(s => s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == traceId)),
            found => found,
            TimeSpan.FromSeconds(10),
            because: "for the POST's server span, in the request's trace");

        var carriers = message.Fields
            .Where(f => Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)?.Contains(traceId, StringComparison.OrdinalIgnoreCase) == true)
            .Select(f => $"{f.Where} = {f.Value}")
            .ToList();
        Assert.True(carriers.Count == 0, "The AMQP message carries the HTTP request's trace id: " + string.Join("; ", carriers));
        Assert.DoesNotContain(traceId, message.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_spans_of_a_response_carry_no_user_agent_client_address_or_query()
    {
        var response = await SubmitAsync(traceparent: null, query: "?utm_source=ward7");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var post = await Eventually.Returns(
            // Other test classes' hosts run in this process too: take an accepted response's span, as this test sent.
            () => Task.FromResult(_exportedSpans.FirstOrDefault(s => s.Kind == ActivityKind.Server && Tag(s, "http.request.method") == "POST"
                && Tag(s, "http.response.status_code") == "202" && Tag(s, "http.route")?.Contains("/responses", StringComparison.Ordinal) == true)),
            span => span is not null,
            because: "for Surveys to export the POST's server span");

        // Tracing still says what happened.
        Assert.StartsWith("/api/campaigns/{campaignId:guid}/responses", Tag(post!, "http.route"), StringComparison.Ordinal);
        Assert.Equal("202", Tag(post!, "http.response.status_code"));

        string[] aboutTheRequester =
        [
            "user_agent.original", "http.user_agent", "client.address", "client.port", "network.peer.address", "network.peer.port",
            "net.peer.ip", "net.peer.port", "http.client_ip", "url.query",
        ];
        var leaks = _exportedSpans
            .SelectMany(span => span.TagObjects.Select(tag => (Span: span.DisplayName, tag.Key, Value: Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")))
            .Where(tag => aboutTheRequester.Contains(tag.Key)
                || tag.Value.Contains("ChampionAttackProbe", StringComparison.Ordinal)
                || tag.Value.Contains("utm_source", StringComparison.Ordinal)
                || tag.Value.Contains("127.0.0.1", StringComparison.Ordinal) && tag.Key.StartsWith("client", StringComparison.Ordinal))
            .Select(tag => $"{tag.Span}: {tag.Key} = {tag.Value}")
            .ToList();
        Assert.True(leaks.Count == 0, "Exported spans describe the person behind the request: " + string.Join("; ", leaks));
    }

    private async Task<HttpResponseMessage> SubmitAsync(string? traceparent, string query = "")
    {
        // Real HTTP to Kestrel, from a client that sends the traceparent we give it: with a propagator, the test
        // process's HttpClient (instrumented by the Surveys host's tracer) would replace it with a trace of its own.
        var address = _surveys.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var champion = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = new Uri(address),
        };
        champion.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _identity.Champion(Organisation));
        champion.DefaultRequestHeaders.UserAgent.ParseAdd(BrowserUserAgent);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/campaigns/{Responses.DemoCampaign}/responses{query}", UriKind.Relative))
        {
            Content = JsonContent.Create(new
            {
                organisationCode = Organisation,
                answers = new object[]
                {
                    new { itemId = "valued", value = 4 },
                    new { itemId = "workload", value = 2 },
                    new { itemId = "support", value = 4 },
                },
            }),
        };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        return await champion.SendAsync(request);
    }

    private async Task<RawAmqpMessage> NextTappedMessageAsync()
    {
        var result = await Eventually.Returns(
            () => _channel.BasicGetAsync(_tap, autoAck: true),
            got => got is not null,
            TimeSpan.FromSeconds(60),
            because: "for the response's InsightSubmitted to be published");
        return RawAmqpMessage.From(result!);
    }

    private static string? Tag(Activity span, string key) => Convert.ToString(span.GetTagItem(key), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What an OpenTelemetry exporter would send on: every span Surveys ends, after its processors ran.</summary>
    private sealed class CollectingExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }
}
