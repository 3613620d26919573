using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>The content codings a feed body is served in: brotli and gzip when the reader's Accept-Encoding asks.</summary>
public enum FeedCoding
{
    Identity,
    Gzip,
    Brotli,
}

public static class FeedCodings
{
    /// <summary>Brotli quality 5: about gzip's speed with a smaller body. A body is compressed once per publication.</summary>
    private const int BrotliQuality = 5;

    /// <summary>
    /// The coding Accept-Encoding (RFC 9110 §12.5.3) gives the highest weight; brotli before gzip at equal weight, and
    /// identity when neither is acceptable. <c>*</c> stands for any coding the header does not name.
    /// </summary>
    public static FeedCoding Preferred(IList<StringWithQualityHeaderValue> acceptEncoding)
    {
        double? brotli = null, gzip = null, any = null;
        foreach (var value in acceptEncoding)
        {
            var weight = value.Quality ?? 1;
            if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = weight;
            }
            else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || value.Value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = weight;
            }
            else if (value.Value.Equals("*", StringComparison.Ordinal))
            {
                any = weight;
            }
        }

        var brotliWeight = brotli ?? any ?? 0;
        var gzipWeight = gzip ?? any ?? 0;
        if (brotliWeight > 0 && brotliWeight >= gzipWeight)
        {
            return FeedCoding.Brotli;
        }

        return gzipWeight > 0 ? FeedCoding.Gzip : FeedCoding.Identity;
    }

    /// <summary>The Content-Encoding token, and the suffix that gives the coded representation its own ETag.</summary>
    public static string Token(this FeedCoding coding) => coding switch
    {
        FeedCoding.Brotli => "br",
        FeedCoding.Gzip => "gzip",
        _ => "identity",
    };

    public static byte[] Encode(byte[] body, FeedCoding coding)
    {
        using var encoded = new MemoryStream(body.Length / 4);
        using (Stream compressor = coding switch
        {
            FeedCoding.Brotli => new BrotliStream(encoded, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true),
            FeedCoding.Gzip => new GZipStream(encoded, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "Identity is not an encoding."),
        })
        {
            compressor.Write(body);
        }

        return encoded.ToArray();
    }
}
