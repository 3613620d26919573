using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// A board's and Scotland's grain state does not grow with responses; an organisation's grows by one event id per
/// response and no more. Measured as the bytes Redis holds for each grain, on real RabbitMQ and Redis.
/// </summary>
public sealed class AreaStateSizeTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const string Scotland = "S92000003";
    private const string Board = "S08000015";
    private const string Organisation = "S37000008"; // East Ayrshire HSCP, in NHS Ayrshire and Arran
    private const int Round = 1500;

    private static readonly string[] Organisations =
        [Organisation, "S12000008", "S37000020", "S12000021", "S37000005", "S12000005", "S37000017", "S12000019", "NB-SSSC", "S37000034", "S08000015"];

    [Fact]
    public async Task Scotland_and_a_board_stay_the_same_size_while_responses_triple_and_an_organisation_grows_by_its_ids_only()
    {
        await using var hub = await Hub.StartAsync(servers);
        await using var store = new GrainStateStore(servers.RedisConnectionString, servers.RedisKeyPrefix);
        var grains = hub.Service.Services.GetRequiredService<IGrainFactory>();
        var campaign = Guid.NewGuid();
        var random = new Random(11);
        await hub.PublishAsync([InsightEvents.Opened(campaign, Organisations)]);

        var sent = new List<Contracts.Surveys.InsightSubmitted>();
        var sizes = new List<IReadOnlyDictionary<string, long>>();
        for (var round = 1; round <= 3; round++)
        {
            var events = InsightEvents.Spread(campaign, Organisations, Round, random);
            sent.AddRange(events);
            await hub.PublishAsync(events);
            var expected = sent.Count;
            await Eventually.Returns(() => grains.GetGrain<IAreaInsightGrain>(Scotland).GetCampaignInsight(campaign), i => i?.Responses == expected,
                TimeSpan.FromSeconds(120), because: $"for Scotland to count {expected}");
            // Scotland's count is written with its watermarks; the organisations' and boards' writes came before.
            await Task.Delay(TimeSpan.FromSeconds(1));
            sizes.Add(await store.AreaStateBytesAsync());
        }

        var first = sizes[0];
        var last = sizes[^1];
        foreach (var area in new[] { Scotland, Board })
        {
            Assert.True(last[area] <= 64 * 1024, $"{area} holds {last[area]} bytes");
            // Constant: only batch numbers (variable-length integers) and figures change, not the number of fields.
            Assert.True(last[area] - first[area] < 256, $"{area} grew from {first[area]} to {last[area]} bytes while responses went from {Round} to {3 * Round}");
        }

        var organisationResponses = sent.Count(e => e.OrganisationCode == Organisation);
        var firstResponses = sent.Take(Round).Count(e => e.OrganisationCode == Organisation);
        var grownPerResponse = (double)(last[Organisation] - first[Organisation]) / (organisationResponses - firstResponses);
        // Grain state is stored as JSON: one event id per response, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", 36 characters,
        // 2 quotes and a comma; the figures' digits add a little. Bounded by the organisation's responses.
        Assert.InRange(grownPerResponse, 38, 42);
        Assert.True(last[Organisation] <= (42 * organisationResponses) + 8192, $"{Organisation} holds {last[Organisation]} bytes for {organisationResponses} responses");
        // The board's own staff are counted, with their ids, in its direct grain, not in the board's.
        Assert.True(last[$"{Board}/direct"] > 39 * sent.Count(e => e.OrganisationCode == Board));
    }
}
