using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Conditional GET for every feed. The ETag is a hash of the request's shape and the rendered, disclosed body, so it
/// moves only when what the reader sees moves; X-Computed-At and Last-Modified are the snapshot's publication time.
/// A matching If-None-Match gets 304. Bodies are rendered once per published snapshot and request shape: a request
/// between publications only reads the versions and finds the body, its ETag and its time here.
/// A reader whose Accept-Encoding asks gets the body brotli- or gzip-coded, compressed once per render, with an ETag of
/// its own (RFC 9110 §8.8.3); If-None-Match matches any coding of the same body, as Apache's mod_deflate does.
/// Compression leaks nothing here (no BREACH): a body holds no secret and reflects nothing from the request.
/// </summary>
public sealed class FeedResponses(IMemoryCache cache)
{
    public const string PolicyHeader = "X-Disclosure-Policy";
    public const string ComputedAtHeader = "X-Computed-At";

    /// <summary>Feed times: UTC to the second, the finest a publication has.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    /// <summary>A cache key: the request's shape and the published snapshots it is rendered from.</summary>
    public static string KeyOf(params IEnumerable<string> parts) => string.Join('\n', parts);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <param name="renderKey">The publications the body is rendered from (<see cref="FeedVersions.Key"/>).</param>
    /// <param name="render">The body and the publication time it shows; shared by every reader of the same publications.</param>
    public async Task<IResult> ServeAsync(
        HttpContext http, string shape, string renderKey, string contentType, string policy, Func<Task<FeedBody>> render, CancellationToken cancellationToken)
    {
        var rendered = await RenderedAsync(shape, renderKey, contentType, render).WaitAsync(cancellationToken);
        var coding = FeedCodings.Preferred(http.Request.GetTypedHeaders().AcceptEncoding);
        var (body, etag, encoding) = rendered.In(coding);
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = "private, no-cache";
        headers[PolicyHeader] = policy;
        if (rendered.ComputedAt is { } computedAt)
        {
            headers[ComputedAtHeader] = computedAt;
            headers.LastModified = rendered.LastModified;
        }

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || rendered.Matches(tag.Tag.Value)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        return TypedResults.Bytes(body, contentType);
    }

    /// <summary>
    /// One render per publication and shape, however many readers arrive at once. Per shape only the two latest
    /// publications' bodies are kept: readers that read the versions just before a publication still find theirs.
    /// </summary>
    private Task<RenderedFeed> RenderedAsync(string shape, string renderKey, string contentType, Func<Task<FeedBody>> render)
    {
        var renders = cache.GetOrCreate(("feed-body", shape, contentType), entry =>
        {
            entry.SlidingExpiration = KeepFor;
            return new LatestRenders();
        })!;
        return renders.For(renderKey, () => RenderAsync(shape, contentType, render));
    }

    private static async Task<RenderedFeed> RenderAsync(string shape, string contentType, Func<Task<FeedBody>> render)
    {
        var (body, computedAt) = await render();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{shape}\n{contentType}\n"));
        sha.AppendData(body);
        return new RenderedFeed(
            body,
            Convert.ToHexStringLower(sha.GetHashAndReset())[..32],
            computedAt is { } at ? Time(at) : null,
            computedAt?.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
    }

    private sealed class LatestRenders
    {
        private readonly Lock _lock = new();
        private (string Key, Task<RenderedFeed> Rendered)? _current;
        private (string Key, Task<RenderedFeed> Rendered)? _previous;

        public Task<RenderedFeed> For(string renderKey, Func<Task<RenderedFeed>> render)
        {
            Task<RenderedFeed> task;
            lock (_lock)
            {
                if (_current is { } current && current.Key == renderKey)
                {
                    return current.Rendered;
                }

                if (_previous is { } previous && previous.Key == renderKey)
                {
                    return previous.Rendered;
                }

                task = Task.Run(render);
                _previous = _current;
                _current = (renderKey, task);
            }

            // A failed render is not kept: the next reader renders again.
            _ = task.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        private void Forget(Task<RenderedFeed> failed)
        {
            lock (_lock)
            {
                if (_current?.Rendered == failed)
                {
                    _current = null;
                }

                if (_previous?.Rendered == failed)
                {
                    _previous = null;
                }
            }
        }
    }
}

/// <summary>A rendered feed body and the publication time it shows (the newest of the snapshots in it; null when none is).</summary>
public readonly record struct FeedBody(byte[] Body, DateTimeOffset? ComputedAt);

/// <summary>
/// A body, its hash, and its publication time as the X-Computed-At and Last-Modified headers give it (null when none).
/// Each coding is compressed by the first reader that asks for it; a coding that would not be smaller is not used.
/// </summary>
internal sealed class RenderedFeed(byte[] body, string hash, string? computedAt, string? lastModified)
{
    private readonly Lazy<byte[]?> _brotli = new(() => Smaller(body, FeedCoding.Brotli));
    private readonly Lazy<byte[]?> _gzip = new(() => Smaller(body, FeedCoding.Gzip));
    private readonly string _identityETag = $"\"{hash}\"";
    private readonly string _brotliETag = $"\"{hash}-{FeedCoding.Brotli.Token()}\"";
    private readonly string _gzipETag = $"\"{hash}-{FeedCoding.Gzip.Token()}\"";

    public string? ComputedAt => computedAt;

    public string? LastModified => lastModified;

    /// <summary>The body in a coding, its ETag, and its Content-Encoding (null for the identity body).</summary>
    public (byte[] Body, string ETag, string? ContentEncoding) In(FeedCoding coding) => coding switch
    {
        FeedCoding.Brotli when _brotli.Value is { } coded => (coded, _brotliETag, coding.Token()),
        FeedCoding.Gzip when _gzip.Value is { } coded => (coded, _gzipETag, coding.Token()),
        _ => (body, _identityETag, null),
    };

    /// <summary>Whether an If-None-Match tag names this body in any coding.</summary>
    public bool Matches(string? tag) => tag == _identityETag || tag == _brotliETag || tag == _gzipETag;

    private static byte[]? Smaller(byte[] body, FeedCoding coding) =>
        FeedCodings.Encode(body, coding) is var coded && coded.Length < body.Length ? coded : null;
}
