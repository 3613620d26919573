using System.IO.Compression;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>A body as sent, decoded by its Content-Encoding, as a reader's HTTP client would decode it.</summary>
internal static class ContentDecoding
{
    public static byte[] Decode(byte[] wire, string? encoding)
    {
        using Stream decoder = encoding switch
        {
            null => new MemoryStream(wire),
            "gzip" => new GZipStream(new MemoryStream(wire), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"Unexpected Content-Encoding {encoding}."),
        };
        using var body = new MemoryStream();
        decoder.CopyTo(body);
        return body.ToArray();
    }
}
