using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>Delivery is at least once; counting is exactly once, with batched state writes. Real RabbitMQ and Redis.</summary>
public sealed class DuplicateDeliveryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private static readonly string[] Organisations =
        ["S37000008", "S12000008", "S37000020", "S12000021", "S37000005", "S12000005", "S37000017", "S12000019", "NB-SSSC", "S37000034"];

    [Fact]
    public async Task The_same_thousand_events_delivered_twice_in_shuffled_order_give_the_figures_of_one_delivery()
    {
        await using var hub = await Hub.StartAsync(servers, new Dictionary<string, string?>
        {
            ["InsightHub:Batching:MaxEvents"] = "32",
            ["InsightHub:Batching:FlushIntervalMs"] = "40",
        });
        var campaign = Guid.NewGuid();
        var random = new Random(20261123);
        var events = InsightEvents.Spread(campaign, Organisations, 1000, random);
        var twice = events.Concat(events).OrderBy(_ => random.Next()).ToList();

        await hub.PublishAsync(twice);
        await hub.WaitForScotlandAsync(campaign, 1000);

        // Give every duplicate time to land, then compare each area's raw figures with one delivery's.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var grains = hub.Service.Services.GetRequiredService<IGrainFactory>();
        foreach (var (area, expected) in InsightEvents.Expected(events))
        {
            var insight = await grains.GetGrain<IAreaInsightGrain>(area).GetCampaignInsight(campaign);
            Assert.NotNull(insight);
            Assert.Equal(expected.Responses, insight.Responses);
            Assert.Equal(expected.ValuedSum, insight.Items.Single(i => i.ItemId == "valued").Sum);
            Assert.Equal(expected.RecommendSum, insight.Items.Single(i => i.ItemId == "recommend").Sum);
        }

        var scotland = await hub.AreaFeedAsync("S92000003", campaign);
        Assert.Equal(1000, Hub.Responses(scotland));
    }
}
