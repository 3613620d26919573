using ChampionNetwork.InsightHub.Feeds;
using Microsoft.Net.Http.Headers;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>Which coding a reader's Accept-Encoding gets (RFC 9110 §12.5.3): the highest weight, brotli on a tie.</summary>
public sealed class FeedCodingTests
{
    [Theory]
    [InlineData(null, FeedCoding.Identity)]
    [InlineData("", FeedCoding.Identity)]
    [InlineData("gzip", FeedCoding.Gzip)]
    [InlineData("x-gzip", FeedCoding.Gzip)]
    [InlineData("br", FeedCoding.Brotli)]
    [InlineData("gzip, deflate, br", FeedCoding.Brotli)]
    [InlineData("GZIP, BR", FeedCoding.Brotli)]
    [InlineData("br;q=0.5, gzip", FeedCoding.Gzip)]
    [InlineData("br;q=0, gzip;q=0", FeedCoding.Identity)]
    [InlineData("deflate, identity", FeedCoding.Identity)]
    [InlineData("*", FeedCoding.Brotli)]
    [InlineData("br;q=0, *", FeedCoding.Gzip)]
    [InlineData("*;q=0", FeedCoding.Identity)]
    [InlineData("gzip;q=0, *;q=0.1", FeedCoding.Brotli)]
    public void The_preferred_coding_follows_the_weights(string? acceptEncoding, FeedCoding expected)
    {
        var values = acceptEncoding is null ? [] : StringWithQualityHeaderValue.ParseList([acceptEncoding]);
        Assert.Equal(expected, FeedCodings.Preferred(values));
    }
}
