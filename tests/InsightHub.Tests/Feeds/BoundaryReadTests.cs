using System.Globalization;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>
/// Feed readers use this silo's copy of the published versions (PublishedVersions), but never past a schedule
/// boundary: a read just after one gets that boundary's publication, not the copy of a read just before it. The
/// copy would otherwise be used for a minute here (RecheckAfter).
/// </summary>
public sealed class BoundaryReadTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000034"; // Glasgow City HSCP
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private Hub _hub = null!;

    public async Task InitializeAsync() => _hub = await Hub.StartAsync(servers, new Dictionary<string, string?>
    {
        ["InsightHub:Snapshots:PublishEvery"] = Every.ToString("c", CultureInfo.InvariantCulture),
        ["InsightHub:Snapshots:RecheckAfter"] = "00:01:00",
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_read_just_after_a_boundary_gets_that_boundarys_publication()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(11);
        await _hub.PublishAsync(Enumerable.Range(0, 6).Select(_ => InsightEvents.Response(campaign, Organisation, random)));
        await _hub.WaitForScotlandAsync(campaign, 6);

        for (var boundaries = 0; boundaries < 3; boundaries++)
        {
            var boundary = NextBoundary(DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500));
            // Reading up to just before the boundary keeps this silo's copy fresh...
            while (DateTimeOffset.UtcNow < boundary - TimeSpan.FromMilliseconds(100))
            {
                await ComputedAtAsync(campaign);
                await Task.Delay(20);
            }

            // ...and a read just after it still gets the new publication.
            await Task.Delay(boundary - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
            var computedAt = await ComputedAtAsync(campaign);
            Assert.True(computedAt >= boundary, $"read after the boundary {boundary:O} showed the publication of {computedAt:O}");
        }
    }

    private static DateTimeOffset NextBoundary(DateTimeOffset after)
    {
        var since = (after - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(since - (since % Every.Ticks) + Every.Ticks);
    }

    private async Task<DateTimeOffset> ComputedAtAsync(Guid campaign)
    {
        using var response = await _hub.Analyst.GetAsync(new Uri($"/api/feeds/areas/S92000003?campaign={campaign}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return DateTimeOffset.Parse(response.Headers.GetValues("X-Computed-At").Single(), CultureInfo.InvariantCulture);
    }
}
