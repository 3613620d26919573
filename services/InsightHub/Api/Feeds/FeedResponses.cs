using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Conditional GET for every feed: a strong ETag from the snapshots' content hashes, the policy and the request,
/// 304 for a matching If-None-Match, and the rendered body kept by ETag so an unchanged feed is rendered once.
/// </summary>
public sealed class FeedResponses(IMemoryCache cache)
{
    public const string PolicyHeader = "X-Disclosure-Policy";
    public const string ComputedAtHeader = "X-Computed-At";

    public static string ETagOf(params IEnumerable<string> parts) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32]}\"";

    public IResult Serve(HttpContext http, string etag, string contentType, string policy, DateTimeOffset? computedAt, Func<byte[]> render)
    {
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "private, no-cache";
        headers[PolicyHeader] = policy;
        if (computedAt is { } at)
        {
            headers[ComputedAtHeader] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            headers.LastModified = at.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(etag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var body = cache.GetOrCreate(("feed-body", etag), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(5);
            return render();
        })!;
        return TypedResults.Bytes(body, contentType);
    }
}
