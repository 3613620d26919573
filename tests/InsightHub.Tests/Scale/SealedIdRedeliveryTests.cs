using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// An organisation's counted ids live mostly in sealed chunks, out of its figures record. After a restart, which
/// activates every grain afresh from Redis, a redelivery of everything already counted still counts nothing: the
/// chunks are read back. Real RabbitMQ and Redis; chunks of 16 ids, so each organisation seals many.
/// </summary>
public sealed class SealedIdRedeliveryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private static readonly Dictionary<string, string?> SmallChunks = new() { ["InsightHub:Batching:IdsPerChunk"] = "16" };

    private static readonly string[] Organisations = ["S37000008", "S12000008", "S37000020", "NB-SSSC", "S08000015"];

    [Fact]
    public async Task After_a_restart_every_event_delivered_again_is_recognised_and_only_new_ones_count()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(512);
        var first = InsightEvents.Spread(campaign, Organisations, 600, random);
        await using (var hub = await Hub.StartAsync(servers, SmallChunks))
        {
            await hub.PublishAsync([InsightEvents.Opened(campaign, Organisations)]);
            await hub.PublishAsync(first);
            await WaitForScotlandAsync(hub, campaign, first.Count);
        }

        var later = InsightEvents.Spread(campaign, Organisations, 150, random);
        await using var restarted = await Hub.StartAsync(servers, SmallChunks);
        await restarted.PublishAsync(first.Concat(later).OrderBy(_ => random.Next()));
        await WaitForScotlandAsync(restarted, campaign, first.Count + later.Count);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate counted by mistake would land now

        var grains = restarted.Service.Services.GetRequiredService<IGrainFactory>();
        foreach (var (area, expected) in InsightEvents.Expected(first.Concat(later)))
        {
            var insight = await grains.GetGrain<IAreaInsightGrain>(area).GetCampaignInsight(campaign);
            Assert.True(expected.Responses == insight?.Responses, $"{area}: {insight?.Responses} counted, {expected.Responses} sent once");
            Assert.Equal(expected.ValuedSum, insight!.Items.Single(i => i.ItemId == "valued").Sum);
            Assert.Equal(expected.RecommendSum, insight.Items.Single(i => i.ItemId == "recommend").Sum);
        }

        await using var store = new GrainStateStore(servers.RedisConnectionString, servers.RedisKeyPrefix);
        var chunks = await store.SealedChunksAsync();
        Assert.True(chunks.GetValueOrDefault("S37000008", []).Count >= 5, "the busiest organisation sealed few chunks: the test would not cover them");
    }

    private static Task WaitForScotlandAsync(Hub hub, Guid campaign, int responses) =>
        Eventually.Returns(
            () => hub.Service.Services.GetRequiredService<IGrainFactory>().GetGrain<IAreaInsightGrain>("S92000003").GetCampaignInsight(campaign),
            i => i?.Responses == responses,
            TimeSpan.FromSeconds(120),
            because: $"for Scotland to count {responses}");
}
