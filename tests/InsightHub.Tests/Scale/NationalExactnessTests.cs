using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// At size, without timing: 20,000 responses over every organisation in the reference data (boards' own staff and
/// national bodies too), a tenth of them delivered twice, through real RabbitMQ and Redis. Every area's internal
/// figures equal those computed here from the events.
/// </summary>
public sealed class NationalExactnessTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const int Responses = 20_000;

    [Fact]
    public async Task Twenty_thousand_responses_over_every_organisation_give_every_area_exactly_its_figures()
    {
        await using var hub = await Hub.StartAsync(servers);
        var organisations = AreaRegistry.Default.All.Where(a => a.Type != AreaType.Country).Select(a => a.Code.Value).ToList();
        var campaign = Guid.NewGuid();
        var random = new Random(400_000);
        var events = Enumerable.Range(0, Responses).Select(i => InsightEvents.Response(campaign, organisations[i % organisations.Count], random)).ToList();
        var redelivered = events.Where((_, i) => i % 10 == 3).ToList();

        await hub.PublishAsync([InsightEvents.Opened(campaign, organisations)]);
        await hub.PublishAsync(events.Concat(redelivered).OrderBy(_ => random.Next()));

        var grains = hub.Service.Services.GetRequiredService<IGrainFactory>();
        await Eventually.Returns(() => grains.GetGrain<IAreaInsightGrain>("S92000003").GetCampaignInsight(campaign), i => i?.Responses == Responses,
            TimeSpan.FromMinutes(8), because: $"for Scotland to count all {Responses}");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would land now

        var expected = InsightEvents.Expected(events);
        Assert.Equal(AreaRegistry.Default.All.Count, expected.Count);
        foreach (var (area, (responses, valuedSum, recommendSum)) in expected)
        {
            var insight = (await grains.GetGrain<IAreaInsightGrain>(area).GetCampaignInsight(campaign))!;
            Assert.True(responses == insight.Responses, $"{area}: {insight.Responses} counted, {responses} sent");
            Assert.Equal(valuedSum, insight.Items.Single(i => i.ItemId == "valued").Sum);
            Assert.Equal(recommendSum, insight.Items.Single(i => i.ItemId == "recommend").Sum);
        }

        var boards = AreaRegistry.Default.OfType(AreaType.Board);
        var boardSum = 0;
        foreach (var board in boards)
        {
            boardSum += (await grains.GetGrain<IAreaInsightGrain>(board.Code.Value).GetCampaignInsight(campaign))!.Responses;
        }

        var nationalBodies = events.Count(e => AreaRegistry.Default.Get(AreaCode.Parse(e.OrganisationCode)).Type == AreaType.NationalBody);
        Assert.Equal(Responses, boardSum + nationalBodies);
    }
}
