using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure.Hosting;
using MassTransit;

namespace ChampionNetwork.InsightHub.ClusterTests;

/// <summary>
/// A publisher on the class's vhost, as Surveys' outbox relay would publish, and the expected figures of what it
/// published, computed directly from the events.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    public static readonly string[] Organisations =
        ["S37000034", "S12000049", "S37000012", "S12000036", "S37000001", "S12000033", "S37000007", "S12000042", "NB-SSSC", "S37000008"];

    private readonly IBusControl _bus;

    private EventStream(IBusControl bus) => _bus = bus;

    public Guid Campaign { get; } = Guid.NewGuid();

    public List<InsightSubmitted> Published { get; } = [];

    public static async Task<EventStream> StartAsync(Uri eventBus)
    {
        var endpoint = RabbitMqEndpoint.Parse(eventBus.ToString());
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, host =>
        {
            host.Username(endpoint.Username);
            host.Password(endpoint.Password);
            host.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return new EventStream(bus);
    }

    /// <summary>Publishes <paramref name="count"/> responses in chunks, pausing between them, so that consumption is under way while it runs.</summary>
    public async Task PublishAsync(int count, int seed, TimeSpan pause)
    {
        var random = new Random(seed);
        for (var published = 0; published < count; published += 50)
        {
            var chunk = Enumerable.Range(0, Math.Min(50, count - published)).Select(_ => Response(random)).ToList();
            await Task.WhenAll(chunk.Select(e => _bus.Publish(e)));
            lock (Published)
            {
                Published.AddRange(chunk);
            }

            await Task.Delay(pause);
        }
    }

    private InsightSubmitted Response(Random random)
    {
        var index = Math.Min(Organisations.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.3) * Organisations.Length));
        return new InsightSubmitted(
            Guid.NewGuid(),
            DateTimeOffset.UtcNow.Date,
            Campaign,
            Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01"),
            1,
            Organisations[index],
            [new InsightAnswer("valued", "Employ", ["EMPLOY-S1"], random.Next(1, 6)), new InsightAnswer("workload", "Nurture", ["NURTURE-S1"], random.Next(1, 6))]);
    }

    /// <summary>Responses and mean of "valued" for every area the published events roll up to.</summary>
    public Dictionary<string, (int Responses, double Mean)> Expected()
    {
        var tallies = new Dictionary<string, (int N, long Sum)>(StringComparer.Ordinal);
        foreach (var e in Published)
        {
            foreach (var area in AreaRegistry.Default.RollUpOf(AreaCode.Parse(e.OrganisationCode)))
            {
                var (n, sum) = tallies.GetValueOrDefault(area.Value);
                tallies[area.Value] = (n + 1, sum + e.Answers[0].Value!.Value);
            }
        }

        return tallies.ToDictionary(t => t.Key, t => (t.Value.N, Math.Round((double)t.Value.Sum / t.Value.N, 2)), StringComparer.Ordinal);
    }

    public static async Task<double?> ScotlandResponsesAsync(HttpClient analyst, Guid campaign)
    {
        try
        {
            var feed = await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/S92000003?campaign={campaign}", UriKind.Relative));
            return feed!["campaigns"]!.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every area's published responses and "valued" mean, read from the JSON feed; a figure disclosure control hides
    /// (null, "c") is left out, since no count can be compared with it.
    /// </summary>
    public static async Task<Dictionary<string, (int? Responses, double? Mean)>> FeedFiguresAsync(HttpClient analyst, Guid campaign, IEnumerable<string> areas)
    {
        var figures = new Dictionary<string, (int?, double?)>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            var feed = await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{area}?campaign={campaign}", UriKind.Relative));
            var own = feed!["campaigns"]![0]!;
            var mean = own["items"]!.AsArray().Single(i => i!["itemId"]!.GetValue<string>() == "valued")!["mean"]?["value"]?.GetValue<double?>();
            var responses = own["responses"]?["value"]?.GetValue<double?>();
            figures[area] = (responses is { } r ? (int)r : null, mean);
        }

        return figures;
    }

    public static async Task WaitForAsync(HttpClient analyst, Guid campaign, int total, TimeSpan timeout)
    {
        await Eventually.Returns(() => ScotlandResponsesAsync(analyst, campaign), n => n == total, timeout, because: $"for Scotland to count all {total} responses");
        // Feeds publish every second (PublishEvery in SiloProcess): an organisation that applied its last event just
        // after Scotland's publication shows it in the next one.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    /// <summary>Every published figure equals the count of what was published to the bus; Scotland's count is always shown.</summary>
    public static void AssertPublishedFiguresExact(Dictionary<string, (int Responses, double Mean)> expected, Dictionary<string, (int? Responses, double? Mean)> published)
    {
        Assert.Equal(expected["S92000003"].Responses, published["S92000003"].Responses);
        foreach (var (area, (responses, mean)) in published)
        {
            if (responses is not null)
            {
                Assert.True(expected[area].Responses == responses, $"{area}: the feed counts {responses}, {expected[area].Responses} were published");
            }

            if (mean is not null)
            {
                Assert.True(Math.Abs(expected[area].Mean - mean.Value) < 0.005, $"{area}: the feed's mean is {mean}, the published events' {expected[area].Mean}");
            }
        }
    }
}
