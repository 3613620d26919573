using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// A board's and Scotland's grain state does not grow with responses. An organisation's figures record stays under a
/// bound too: its counted event ids move out of it into sealed chunks (here of <see cref="IdsPerChunk"/>), and every id
/// it counted is in exactly one place. Measured as what Redis holds for each grain, on real RabbitMQ and Redis.
/// </summary>
public sealed partial class AreaStateSizeTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const string Scotland = "S92000003";
    private const string Board = "S08000015";
    private const string Organisation = "S37000008"; // East Ayrshire HSCP, in NHS Ayrshire and Arran
    private const int Round = 1500;
    private const int IdsPerChunk = 100;

    private static readonly string[] Organisations =
        [Organisation, "S12000008", "S37000020", "S12000021", "S37000005", "S12000005", "S37000017", "S12000019", "NB-SSSC", "S37000034", "S08000015"];

    [Fact]
    public async Task Scotland_and_a_board_stay_the_same_size_while_responses_triple_and_an_organisation_keeps_its_ids_in_sealed_chunks()
    {
        await using var hub = await Hub.StartAsync(servers, new Dictionary<string, string?> { ["InsightHub:Batching:IdsPerChunk"] = $"{IdsPerChunk}" });
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

        var organisationIds = sent.Where(e => e.OrganisationCode == Organisation).Select(e => e.EventId).ToHashSet();
        Assert.True(organisationIds.Count > 3 * IdsPerChunk, $"{Organisation} had {organisationIds.Count} responses: too few to seal chunks");
        var figures = Guids(await store.FiguresRecordAsync(Organisation)).Where(organisationIds.Contains).ToList();
        var chunks = (await store.SealedChunksAsync())[Organisation].Select(c => Guids(c).Where(organisationIds.Contains).ToList()).ToList();

        // Every id counted is held once, in the figures record or in one chunk; none is lost and none is held twice.
        var held = figures.Concat(chunks.SelectMany(c => c)).ToList();
        Assert.Equal(organisationIds.Count, held.Count);
        Assert.Equal(organisationIds.Order(), held.Order());
        // Each write first seals the ids waiting once there are IdsPerChunk of them: after the last, fewer wait.
        Assert.All(chunks, c => Assert.True(c.Count >= IdsPerChunk, $"a chunk of {c.Count} ids"));
        Assert.InRange(chunks.Count, 1, organisationIds.Count / IdsPerChunk);
        Assert.True(figures.Count < IdsPerChunk, $"{Organisation}'s figures record holds {figures.Count} ids");
        // The record's size: figures, and fewer than IdsPerChunk ids of 39 bytes; tripled responses do not move it by more.
        Assert.True(last[Organisation] <= (IdsPerChunk * 42) + 8192, $"{Organisation} holds {last[Organisation]} bytes for {organisationIds.Count} responses");
        Assert.True(Math.Abs(last[Organisation] - first[Organisation]) < IdsPerChunk * 42, $"{Organisation} went from {first[Organisation]} to {last[Organisation]} bytes");
        // The board's own staff are counted, with their ids, in its direct grain, not in the board's.
        var boardIds = sent.Where(e => e.OrganisationCode == Board).Select(e => e.EventId).ToHashSet();
        var direct = Guids(await store.FiguresRecordAsync($"{Board}/direct")).Concat((await store.SealedChunksAsync()).GetValueOrDefault($"{Board}/direct", []).SelectMany(Guids));
        Assert.Equal(boardIds.Count, direct.Count(boardIds.Contains));
        Assert.DoesNotContain(Guids(await store.FiguresRecordAsync(Board)), boardIds.Contains);
    }

    private static IEnumerable<Guid> Guids(byte[] stored) =>
        GuidPattern().Matches(System.Text.Encoding.UTF8.GetString(stored)).Select(m => Guid.Parse(m.Value));

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex GuidPattern();
}
