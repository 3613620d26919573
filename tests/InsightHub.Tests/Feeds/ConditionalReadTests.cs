using System.Net;
using System.Net.Http.Headers;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>
/// A polling client's conditional GET: within one publication the ETag answers 304; a publication with a new
/// figure gives a new ETag. Publications here come every 5 s, so two reads fit inside one even on a loaded machine.
/// </summary>
public sealed class ConditionalReadTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000034"; // Glasgow City HSCP
    private Hub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await Hub.StartAsync(servers, new Dictionary<string, string?> { ["InsightHub:Snapshots:PublishEvery"] = "00:00:05" });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData("/api/feeds/areas/S92000003")]
    [InlineData("/api/feeds/insight.csv")]
    [InlineData("/api/feeds/insight.atom")]
    public async Task An_unchanged_feed_answers_304_to_its_ETag_and_200_with_a_new_one_after_a_change(string path)
    {
        var campaign = Guid.NewGuid();
        var random = new Random(6);
        await _hub.PublishAsync(Enumerable.Range(0, 6).Select(_ => InsightEvents.Response(campaign, Organisation, random)));
        await _hub.WaitForScotlandAsync(campaign, 6);

        // A read that crossed into the next publication (a new X-Computed-At) is tried again.
        var (etag, notModified) = await Eventually.Returns(
            async () =>
            {
                var first = await _hub.Analyst.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                Assert.Equal("nhsbsa-5", first.Headers.GetValues("X-Disclosure-Policy").Single());
                var again = await Conditional(path, first.Headers.ETag!);
                var samePublication = again.StatusCode == HttpStatusCode.NotModified
                    || again.Headers.GetValues("X-Computed-At").Single() == first.Headers.GetValues("X-Computed-At").Single();
                return (first.Headers.ETag!, samePublication ? again.StatusCode : (HttpStatusCode?)null);
            },
            r => r.Item2 is not null,
            because: "for two reads within one publication");
        Assert.Equal(HttpStatusCode.NotModified, notModified);

        await _hub.PublishAsync([InsightEvents.Response(campaign, Organisation, random)]);
        await _hub.WaitForScotlandAsync(campaign, 7);
        var changed = await Conditional(path, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private Task<HttpResponseMessage> Conditional(string path, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.IfNoneMatch.Add(etag);
        return _hub.Analyst.SendAsync(request);
    }
}
