using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// A numbered batch from a child is applied once by its parent, however often and however concurrently it arrives,
/// and the parent's watermark survives a restart. Real Redis.
/// </summary>
public sealed class BatchExactlyOnceTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const string Scotland = "S92000003";
    private const string Board = "S08000015";

    [Fact]
    public async Task A_batch_delivered_twice_concurrently_again_later_and_after_a_restart_counts_once_at_the_board_and_in_Scotland()
    {
        var campaign = Guid.NewGuid();
        var child = $"test-child-{Guid.NewGuid():N}";
        var first = Batch(1, campaign, responses: 3, valued: [5, 4, 1]);
        var second = Batch(2, campaign, responses: 2, valued: [2, 2]);

        await using (var hub = await Hub.StartAsync(servers))
        {
            var board = hub.Service.Services.GetRequiredService<IGrainFactory>().GetGrain<IAreaInsightGrain>(Board);
            await Task.WhenAll(board.ApplyBatch(child, first), board.ApplyBatch(child, first));
            await board.ApplyBatch(child, first);
            await board.ApplyBatch(child, second);
            await board.ApplyBatch(child, first);
            await Assert.ThrowsAnyAsync<Exception>(() => board.ApplyBatch(child, Batch(4, campaign, responses: 1, valued: [3])));

            var figures = (await board.GetCampaignInsight(campaign))!;
            Assert.Equal(5, figures.Responses);
            Assert.Equal(14, figures.Items.Single(i => i.ItemId == "valued").Sum);
        }

        await using var restarted = await Hub.StartAsync(servers);
        var grains = restarted.Service.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAreaInsightGrain>(Board).ApplyBatch(child, second);
        var boardAfter = (await grains.GetGrain<IAreaInsightGrain>(Board).GetCampaignInsight(campaign))!;
        Assert.Equal(5, boardAfter.Responses);

        // The board forwards what it counted, once: Scotland reaches 5 and stays there.
        await Eventually.Returns(() => grains.GetGrain<IAreaInsightGrain>(Scotland).GetCampaignInsight(campaign), i => i?.Responses == 5,
            because: "for the board's batch to reach Scotland");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var scotland = (await grains.GetGrain<IAreaInsightGrain>(Scotland).GetCampaignInsight(campaign))!;
        Assert.Equal(5, scotland.Responses);
        Assert.Equal(14, scotland.Items.Single(i => i.ItemId == "valued").Sum);
        Assert.Equal(2, scotland.Items.Single(i => i.ItemId == "valued").Distribution[2]);
    }

    /// <summary>A child's delta: <paramref name="valued"/> are the responses' answers to one item.</summary>
    private static AreaBatch Batch(long number, Guid campaign, int responses, int[] valued) => new(number, new AreaDelta
    {
        Campaigns =
        {
            [campaign] = new CampaignDelta
            {
                InstrumentId = InsightEvents.Instrument,
                InstrumentVersion = 1,
                Responses = responses,
                Items =
                {
                    ["valued"] = new ItemTally
                    {
                        Pillar = "Employ",
                        OutcomeCodes = ["EMPLOY-S1"],
                        Count = valued.Length,
                        Sum = valued.Sum(),
                        Distribution = valued.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count()),
                    },
                },
            },
        },
    });
}
