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
        var headers = http.Response.Headers;
        headers.ETag = rendered.ETag;
        headers.CacheControl = "private, no-cache";
        headers[PolicyHeader] = policy;
        if (rendered.ComputedAt is { } computedAt)
        {
            headers[ComputedAtHeader] = computedAt;
            headers.LastModified = rendered.LastModified;
        }

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(rendered.ETag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(rendered.Body, contentType);
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
        var etag = $"\"{Convert.ToHexStringLower(sha.GetHashAndReset())[..32]}\"";
        return new RenderedFeed(
            body,
            etag,
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

/// <summary>A body, its ETag, and its publication time as the X-Computed-At and Last-Modified headers give it (null when none).</summary>
internal sealed record RenderedFeed(byte[] Body, string ETag, string? ComputedAt, string? LastModified);
