using System.Net;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// One insight travelling the whole way on the real servers: HTTP, PostgreSQL and the outbox, RabbitMQ, the area
/// grains in Redis, and the feed, with the nhsbsa-5 disclosure rule applied.
/// </summary>
public sealed class InsightJourneyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private static readonly Guid DemoCampaign = Responses.DemoCampaign;

    // Clackmannanshire and Stirling HSCP lies in NHS Forth Valley; East Ayrshire HSCP in NHS Ayrshire and Arran.
    private const string SmallOrganisation = "S37000005";
    private const string SmallBoard = "S08000019";
    private const string LargeOrganisation = "S37000008";
    private const string LargeBoard = "S08000015";
    private const string Scotland = "S92000003";

    private Platform _platform = null!;

    public async Task InitializeAsync() => _platform = await Platform.StartAsync(servers);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Feed_shows_five_responses_and_suppresses_three_at_organisation_board_and_Scotland_levels()
    {
        int[] largeValues = [5, 4, 4, 3, 5];
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(SmallOrganisation, valued: 2);
        }

        foreach (var value in largeValues)
        {
            await SubmitAsync(LargeOrganisation, valued: value);
        }

        var analyst = _platform.InsightHub.ClientWithToken(_platform.Identity.PolicyAnalyst());
        var scotland = await Eventually.Returns(
            () => Feeds.AreaAsync(analyst, Scotland, DemoCampaign),
            feed => feed.Campaign().ResponsesValue() == 8,
            because: "for all 8 responses to reach the Scotland feed");

        // Organisation level.
        // East Ayrshire's 5 is the only non-zero cell of its board: showing it would show its board's hidden 5, and
        // Scotland's 8 less that would give away the 3. Linked tables hide it too.
        var large = (await Feeds.AreaAsync(analyst, LargeOrganisation, DemoCampaign)).Campaign()!;
        AssertSuppressed(large);

        var small = (await Feeds.AreaAsync(analyst, SmallOrganisation, DemoCampaign)).Campaign()!;
        AssertSuppressed(small);

        // Board level: Ayrshire and Arran's 5 is hidden at Scotland level (secondary suppression, below), so it is
        // hidden in its own feed too, and so is the child that would give it away.
        var largeBoard = (await Feeds.AreaAsync(analyst, LargeBoard, DemoCampaign)).Campaign()!;
        AssertSuppressed(largeBoard);
        Assert.Equal("c", largeBoard.Child(LargeOrganisation).ResponsesQualifier());

        var smallBoard = (await Feeds.AreaAsync(analyst, SmallBoard, DemoCampaign)).Campaign()!;
        AssertSuppressed(smallBoard);
        Assert.Equal("c", smallBoard.Child(SmallOrganisation).ResponsesQualifier());

        // Scotland level: the total of 8 is shown. Every answer to "valued" (2 to 5) was given fewer than 5 times, so its
        // mean, a second equation over those hidden counts, is hidden; "workload" (2 from all 8) shows its mean.
        // Among the boards, Forth Valley's 3 is suppressed; Ayrshire and Arran's 5 too, or 8 - 5 would give the 3 away.
        var national = scotland.Campaign()!;
        Assert.Equal("c", national.Item("valued")!["mean"]!["qualifier"]!.GetValue<string>());
        Assert.Equal(2, national.Item("workload")!["mean"]!["value"]!.GetValue<double>(), 2);
        Assert.Equal("c", national.Child(SmallBoard).ResponsesQualifier());
        Assert.Null(national.Child(SmallBoard).ResponsesValue());
        Assert.Equal("c", national.Child(LargeBoard).ResponsesQualifier());
        Assert.Equal(0, national.Child("S08000020").ResponsesValue());
        Assert.Equal("nhsbsa-5", scotland["disclosurePolicy"]!.GetValue<string>());
    }

    private static void AssertSuppressed(System.Text.Json.Nodes.JsonNode figures)
    {
        Assert.Null(figures.ResponsesValue());
        Assert.Equal("c", figures.ResponsesQualifier());
        foreach (var item in figures["items"]!.AsArray())
        {
            Assert.Null(item!["mean"]!["value"]?.GetValue<double?>());
            Assert.Equal("c", item["mean"]!["qualifier"]!.GetValue<string>());
        }
    }

    private async Task SubmitAsync(string organisation, int valued)
    {
        var champion = _platform.Surveys.ClientWithToken(_platform.Identity.Champion(organisation));
        var response = await Responses.SubmitAsync(champion, organisation, valued);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
