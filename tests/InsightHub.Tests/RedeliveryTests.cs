using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>Delivery is at least once; counting is exactly once. On real RabbitMQ and Redis.</summary>
public sealed class RedeliveryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000008";
    private readonly TestIdentity _identity = new();
    private ServiceUnderTest<Program> _hub = null!;

    public async Task InitializeAsync()
    {
        var settings = ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), _identity);
        // One message at a time, in queue order: a sentinel published last is consumed last.
        settings["Messaging:PrefetchCount"] = "1";
        _hub = new ServiceUnderTest<Program>(settings);
        _hub.Start();
        await _hub.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_same_InsightSubmitted_delivered_twice_is_counted_once()
    {
        var campaign = Guid.NewGuid();
        var events = Enumerable.Range(1, 5).Select(i => Insight(campaign, value: i)).ToList();
        var bus = _hub.Services.GetRequiredService<IBus>();

        var sentinel = Insight(Guid.NewGuid(), value: 1);
        foreach (var insight in events.Concat(events).Append(sentinel))
        {
            await bus.Publish(insight);
        }

        var grains = _hub.Services.GetRequiredService<IGrainFactory>();
        var organisation = grains.GetGrain<IAreaInsightGrain>(Organisation);
        // Wait until all ten deliveries have been consumed, not just the first five: the sentinel comes after them.
        await Eventually.Returns(
            () => organisation.GetCampaignInsight(sentinel.CampaignId),
            insight => insight?.Responses == 1,
            because: "for all ten deliveries and the sentinel to be consumed");

        // Counts go up the tree in batches: once the organisation and its board have settled, each level has them.
        await organisation.Settle();
        await grains.GetGrain<IAreaInsightGrain>("S08000015").Settle();
        var tally = (await organisation.GetCampaignInsight(campaign))!;
        Assert.Equal(5, tally.Responses);
        Assert.Equal(3.0, tally.Items.Single(i => i.ItemId == "valued").Mean);

        foreach (var area in new[] { "S08000015", "S92000003" })
        {
            var rolledUp = (await grains.GetGrain<IAreaInsightGrain>(area).GetCampaignInsight(campaign))!;
            Assert.Equal(5, rolledUp.Responses);
        }

        var analyst = _hub.ClientWithToken(_identity.PolicyAnalyst());
        // The feed shows it from the next publication (every second here, from ServiceSettings) and keeps showing 5.
        var feed = await Eventually.Returns(
            async () => (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{Organisation}?campaign={campaign}", UriKind.Relative)))!,
            f => f["campaigns"]!.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>() == 5,
            because: "for the five responses to be published");
        Assert.Equal(5, feed["campaigns"]![0]!["responses"]!["value"]!.GetValue<double>());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        feed = (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{Organisation}?campaign={campaign}", UriKind.Relative)))!;
        Assert.Equal(5, feed["campaigns"]![0]!["responses"]!["value"]!.GetValue<double>());
    }

    private static InsightSubmitted Insight(Guid campaign, int value) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow.Date,
        campaign,
        Guid.NewGuid(),
        1,
        Organisation,
        [new InsightAnswer("valued", "Employ", ["EMPLOY-S1"], value)]);
}
