using System.Net;
using System.Net.Http.Headers;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>
/// A reader that sends Accept-Encoding gets the feed compressed, decoding to exactly the identity body, under an ETag
/// of its own; If-None-Match names the body in any coding, and a change still gives 200. Real RabbitMQ, Redis, Orleans.
/// </summary>
public sealed class ContentCodingTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000034"; // Glasgow City HSCP
    private Hub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await Hub.StartAsync(servers, new Dictionary<string, string?> { ["InsightHub:Snapshots:PublishEvery"] = "00:00:05" });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    public static TheoryData<string, string> Feeds => new()
    {
        { "/api/feeds/areas/S92000003", "gzip" },
        { "/api/feeds/areas/S92000003", "br" },
        { "/api/feeds/insight.csv", "gzip" },
        { "/api/feeds/insight.csv", "br" },
        { "/api/feeds/insight.atom", "gzip" },
        { "/api/feeds/insight.atom", "br" },
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task A_compressed_feed_decodes_to_the_identity_body_is_smaller_and_has_its_own_ETag(string path, string coding)
    {
        await SomeInsightAsync();
        var (identity, coded) = await Eventually.Returns(
            async () => (await ReadAsync(path, null, null), await ReadAsync(path, coding, null)),
            r => r.Item1.ComputedAt == r.Item2.ComputedAt,
            because: "for both reads to fall within one publication");

        Assert.Null(identity.Encoding);
        Assert.Equal(coding, coded.Encoding);
        Assert.Contains("Accept-Encoding", identity.Vary);
        Assert.Contains("Accept-Encoding", coded.Vary);
        Assert.Equal(identity.Wire, ContentDecoding.Decode(coded.Wire, coding));
        Assert.True(coded.Wire.Length < identity.Wire.Length / 2, $"{coding} gave {coded.Wire.Length} bytes of {identity.Wire.Length}");
        Assert.NotEqual(identity.ETag, coded.ETag);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task If_None_Match_with_the_ETag_of_either_coding_answers_304_until_the_figures_change(string path, string coding)
    {
        var campaign = await SomeInsightAsync();
        var (identity, codedNotModified, identityNotModified) = await Eventually.Returns(
            async () =>
            {
                var identity = await ReadAsync(path, null, null);
                var coded = await ReadAsync(path, coding, null);
                return (identity, await ReadAsync(path, coding, identity.ETag), await ReadAsync(path, null, coded.ETag));
            },
            r => r.identity.ComputedAt == r.Item2.ComputedAt && r.identity.ComputedAt == r.Item3.ComputedAt,
            because: "for the reads to fall within one publication");
        Assert.Equal(HttpStatusCode.NotModified, codedNotModified.Status);
        Assert.Equal(HttpStatusCode.NotModified, identityNotModified.Status);
        Assert.NotEqual(identity.ETag, codedNotModified.ETag);
        Assert.Equal(identity.ETag, identityNotModified.ETag);

        var coded = await ReadAsync(path, coding, null);
        await _hub.PublishAsync([InsightEvents.Response(campaign, Organisation, new Random(9))]);
        await _hub.WaitForScotlandAsync(campaign, 7);
        var changed = await ReadAsync(path, coding, coded.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.NotEqual(coded.ETag, changed.ETag);
    }

    [Fact]
    public async Task A_reader_that_refuses_every_coding_gets_the_identity_body()
    {
        await SomeInsightAsync();
        var read = await ReadAsync("/api/feeds/insight.csv", "br;q=0, gzip;q=0", null);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Null(read.Encoding);
        Assert.StartsWith("ref_area,", System.Text.Encoding.UTF8.GetString(read.Wire), StringComparison.Ordinal);
    }

    private async Task<Guid> SomeInsightAsync()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(6);
        await _hub.PublishAsync(Enumerable.Range(0, 6).Select(_ => InsightEvents.Response(campaign, Organisation, random)));
        await _hub.WaitForScotlandAsync(campaign, 6);
        return campaign;
    }

    private async Task<Read> ReadAsync(string path, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        using var response = await _hub.Analyst.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified, $"{path}: {response.StatusCode}");
        var wire = await response.Content.ReadAsByteArrayAsync();
        return new Read(
            response.StatusCode,
            wire,
            response.Content.Headers.ContentEncoding.SingleOrDefault(),
            response.Headers.ETag!,
            [.. response.Headers.Vary],
            response.Headers.GetValues("X-Computed-At").Single());
    }

    /// <param name="Wire">The body as it was sent, before any decoding.</param>
    private sealed record Read(HttpStatusCode Status, byte[] Wire, string? Encoding, EntityTagHeaderValue ETag, string[] Vary, string ComputedAt);
}
