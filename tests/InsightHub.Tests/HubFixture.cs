using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>InsightHub hosted in the test process on the class's own vhost and Redis prefix, with extra settings.</summary>
internal sealed class Hub : IAsyncDisposable
{
    private Hub(ServiceUnderTest<Program> service, TestIdentity identity)
    {
        Service = service;
        Identity = identity;
        Analyst = service.ClientWithToken(identity.PolicyAnalyst());
    }

    public ServiceUnderTest<Program> Service { get; }

    public TestIdentity Identity { get; }

    public HttpClient Analyst { get; }

    public IBus Bus => Service.Services.GetRequiredService<IBus>();

    public static async Task<Hub> StartAsync(IsolatedServers servers, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var identity = new TestIdentity();
        var settings = ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), identity);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var service = new ServiceUnderTest<Program>(settings);
        service.Start();
        await service.WaitUntilHealthyAsync();
        return new Hub(service, identity);
    }

    public async Task PublishAsync<T>(IEnumerable<T> messages) where T : class
    {
        foreach (var chunk in messages.Chunk(100))
        {
            // As object, so that MassTransit publishes each message as its runtime type.
            await Task.WhenAll(chunk.Select(m => Bus.Publish((object)m)));
        }
    }

    public async Task<JsonNode> AreaFeedAsync(string area, Guid campaign)
    {
        var response = await Analyst.GetAsync(new Uri($"/api/feeds/areas/{area}?campaign={campaign}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>
    /// Waits until Scotland's feed shows <paramref name="responses"/> for the campaign, and then until the
    /// campaign's figures stop changing: an organisation's grain may apply the last event just after Scotland's.
    /// </summary>
    public async Task<JsonNode> WaitForScotlandAsync(Guid campaign, double responses, TimeSpan? timeout = null)
    {
        await Eventually.Returns(
            () => AreaFeedAsync("S92000003", campaign),
            feed => Responses(feed) == responses,
            timeout ?? TimeSpan.FromSeconds(90),
            because: $"for Scotland to show {responses} responses");
        await SettledAsync(Analyst, campaign);
        return await AreaFeedAsync("S92000003", campaign);
    }

    /// <summary>
    /// Waits until the campaign's published figures (its CSV without the computed_at column) stay the same across
    /// two publications: feeds publish every second in these tests (ServiceSettings), so 1.5 s spans one at least.
    /// </summary>
    public static Task SettledAsync(HttpClient analyst, Guid campaign) =>
        Eventually.Returns(
            async () =>
            {
                var before = await FiguresAsync(analyst, campaign);
                await Task.Delay(1500);
                return before.Contains('\n', StringComparison.Ordinal) && before == await FiguresAsync(analyst, campaign);
            },
            settled => settled,
            TimeSpan.FromSeconds(30),
            because: "for the campaign's figures to settle");

    /// <summary>Every published figure of the campaign, as CSV rows without the last (computed_at) column.</summary>
    public static async Task<string> FiguresAsync(HttpClient analyst, Guid campaign)
    {
        var csv = await analyst.GetStringAsync(new Uri($"/api/feeds/insight.csv?campaign={campaign}", UriKind.Relative));
        return string.Join('\n', csv.Split("\r\n").Select(line => line.Contains(',', StringComparison.Ordinal) ? line[..line.LastIndexOf(',')] : line));
    }

    public static double? Responses(JsonNode feed) =>
        feed["campaigns"]!.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
