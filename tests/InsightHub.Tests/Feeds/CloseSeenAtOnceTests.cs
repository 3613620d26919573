using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>
/// A campaign's close is published at once, between schedule boundaries. Readers on the silo that published it see
/// it at once, though they keep a copy of the versions they read: the publication replaces this silo's copy. Here
/// no boundary comes during the test (publications every hour) and a copy would otherwise be used for a minute.
/// </summary>
public sealed class CloseSeenAtOnceTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000034"; // Glasgow City HSCP
    private Hub _hub = null!;

    public async Task InitializeAsync() => _hub = await Hub.StartAsync(servers, new Dictionary<string, string?>
    {
        ["InsightHub:Snapshots:PublishEvery"] = "01:00:00",
        ["InsightHub:Snapshots:RecheckAfter"] = "00:01:00",
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Readers_see_a_close_published_between_boundaries_within_seconds()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(12);
        await _hub.PublishAsync([InsightEvents.Opened(campaign, [Organisation], headcount: 100)]);
        await _hub.PublishAsync(Enumerable.Range(0, 6).Select(_ => InsightEvents.Response(campaign, Organisation, random)));
        // Time for the responses to be counted before the close, which is published once with what has arrived.
        await Task.Delay(TimeSpan.FromSeconds(3));
        // Read, so that this silo holds a copy of the campaign's version from before the close.
        var before = await _hub.AreaFeedAsync(Organisation, campaign);
        Assert.DoesNotContain(before["campaigns"]!.AsArray(), c => c!["status"]?.GetValue<string>() == "closed");

        await _hub.PublishAsync([new CampaignClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, campaign, DateTimeOffset.UtcNow, [new EligibleHeadcount(Organisation, 100)])]);
        var closed = await Eventually.Returns(
            () => _hub.AreaFeedAsync(Organisation, campaign),
            feed => feed["campaigns"]!.AsArray().FirstOrDefault()?["status"]?.GetValue<string>() == "closed",
            TimeSpan.FromSeconds(30),
            because: "for the close to be published and seen");
        Assert.Equal(6, closed["campaigns"]![0]!["responses"]!["value"]!.GetValue<double>());

        // A reader of every campaign sees it too.
        var csv = await _hub.Analyst.GetStringAsync(new Uri("/api/feeds/insight.csv", UriKind.Relative));
        Assert.Contains(campaign.ToString(), csv, StringComparison.Ordinal);
    }
}
