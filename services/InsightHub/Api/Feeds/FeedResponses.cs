using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Conditional GET for every feed. The ETag is a hash of the request's shape and the rendered, disclosed body, so it
/// moves only when what the reader sees moves; X-Computed-At and Last-Modified are the snapshot's publication time.
/// A matching If-None-Match gets 304. Bodies are rendered once per published snapshot and request shape.
/// </summary>
public sealed class FeedResponses(IMemoryCache cache)
{
    public const string PolicyHeader = "X-Disclosure-Policy";
    public const string ComputedAtHeader = "X-Computed-At";

    /// <summary>Feed times: UTC to the second, the finest a publication has.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>A cache key: the request's shape and the published snapshots it is rendered from.</summary>
    public static string KeyOf(params IEnumerable<string> parts) => string.Join('\n', parts);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    public IResult Serve(HttpContext http, string shape, string renderKey, string contentType, string policy, DateTimeOffset? computedAt, Func<byte[]> render)
    {
        // One render per publication and shape, however many readers arrive at once.
        var key = ("feed-body", shape, renderKey);
        var lazy = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(5);
            return new Lazy<RenderedFeed>(() =>
            {
                var body = render();
                var hashed = SHA256.HashData([.. Encoding.UTF8.GetBytes($"{shape}\n{contentType}\n"), .. body]);
                return new RenderedFeed(body, $"\"{Convert.ToHexStringLower(hashed)[..32]}\"");
            });
        })!;
        RenderedFeed rendered;
        try
        {
            rendered = lazy.Value;
        }
        catch (Exception)
        {
            cache.Remove(key); // a failed render is not kept: the next reader renders again
            throw;
        }

        var headers = http.Response.Headers;
        headers.ETag = rendered.ETag;
        headers.CacheControl = "private, no-cache";
        headers[PolicyHeader] = policy;
        if (computedAt is { } at)
        {
            headers[ComputedAtHeader] = Time(at);
            headers.LastModified = at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(rendered.ETag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(rendered.Body, contentType);
    }
}

internal sealed record RenderedFeed(byte[] Body, string ETag);
