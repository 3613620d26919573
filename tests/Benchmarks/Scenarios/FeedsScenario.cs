using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;
using HdrHistogram;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>feeds</c>: throughput and p99 of feed reads (area JSON and CSV, with and without If-None-Match) at a fixed
/// concurrency, over B-http: InsightHub's own <c>/alive</c> at the same concurrency. A conditional reader behaves as a
/// cache does: it sends the ETag of the last body it was given, so a publication costs it one 200 and then 304s.
/// A compressed reader sends Accept-Encoding and decodes what it is given, as a browser, <c>curl --compressed</c> or
/// Python's requests does; the decoding is part of its time.
/// </summary>
internal static class FeedsScenario
{
    public const int Concurrency = 16;
    public static readonly TimeSpan RunFor = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(Report report, PlatformHost platform, Champions champions, CancellationToken cancellationToken)
    {
        var hub = platform.Endpoint("insighthub");
        var analyst = champions.Analyst();
        using var client = Champions.Client();
        using var decompressing = Champions.Client(DecompressionMethods.All);
        // A caching proxy keeps and passes on the coded bytes: the server's part of a compressed read, without the decoding.
        using var proxy = Champions.Client();
        proxy.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", "br");
        var json = new Uri(hub, $"/api/feeds/areas/S92000003?campaign={SampleInsight.Campaign}");
        var csv = new Uri(hub, $"/api/feeds/insight.csv?campaign={SampleInsight.Campaign}");
        var jsonTag = await ETagAsync(client, json, analyst, cancellationToken);
        var csvTag = await ETagAsync(client, csv, analyst, cancellationToken);

        foreach (var (name, url) in new[] { ("area JSON", json), ("CSV", csv) })
        {
            foreach (var coding in new[] { "identity", "gzip", "br" })
            {
                var bytes = await BodyBytesAsync(client, url, analyst, coding, cancellationToken);
                report.Add(new ResultRow("feeds", $"{name} body, {coding}", "KB", Measured.Of([bytes / 1024.0])));
            }
        }

        var (bhttp, bhttpP99, _) = await MeasureAsync(client, new Uri(hub, "/alive"), null, null, cancellationToken);
        report.Add(new ResultRow("feeds", $"B-http /alive ({Concurrency} concurrent)", "req/s", bhttp));
        report.Add(new ResultRow("feeds", "B-http /alive p99", "ms", bhttpP99));
        var readers = new[]
        {
            ("area JSON", client, json, (string?)null, true),
            ("area JSON, compressed", decompressing, json, null, true),
            ("area JSON, brotli not decoded (as a caching proxy reads)", proxy, json, null, false),
            ("area JSON, If-None-Match (304)", client, json, jsonTag, true),
            ("CSV", client, csv, null, true),
            ("CSV, compressed", decompressing, csv, null, true),
            ("CSV, brotli not decoded (as a caching proxy reads)", proxy, csv, null, false),
            ("CSV, If-None-Match (304)", client, csv, csvTag, true),
        };
        foreach (var (name, reader, url, tag, judged) in readers)
        {
            var (throughput, p99, notModified) = await MeasureAsync(reader, url, analyst, tag, cancellationToken);
            report.Add(new ResultRow("feeds", name, "req/s", throughput, bhttp));
            if (tag is not null)
            {
                report.Add(new ResultRow("feeds", $"{name}: answered 304", "%", notModified));
            }

            report.Add(judged
                ? new ResultRow("feeds", $"{name} p99", "ms", p99, bhttpP99, "≤ 1.25× B-http p99", p99.Median <= 1.25 * bhttpP99.Median)
                : new ResultRow("feeds", $"{name} p99", "ms", p99, bhttpP99));
        }
    }

    private static async Task<string?> ETagAsync(HttpClient client, Uri url, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag?.ToString();
    }

    /// <summary>The body's length as sent, in the coding asked for.</summary>
    private static async Task<long> BodyBytesAsync(HttpClient client, Uri url, string token, string coding, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
    }

    private static async Task<(Measured Throughput, Measured P99, Measured NotModified)> MeasureAsync(
        HttpClient client, Uri url, string? token, string? firstETag, CancellationToken cancellationToken)
    {
        var p99s = new List<double>();
        var notModifiedShares = new List<double>();
        var throughput = await Measured.RepeatAsync(async () =>
        {
            var histogram = Latencies.NewHistogram();
            var requests = 0;
            var notModified = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                var mine = Latencies.NewHistogram();
                var etag = firstETag;
                var mineNotModified = 0;
                while (clock.Elapsed < RunFor)
                {
                    var started = clock.ElapsedTicks;
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    if (etag is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                    }

                    using var response = await client.SendAsync(request, cancellationToken);
                    await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                    if ((int)response.StatusCode is not (200 or 304))
                    {
                        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
                    }

                    if ((int)response.StatusCode == 304)
                    {
                        mineNotModified++;
                    }
                    else if (etag is not null && response.Headers.ETag is { } fresh)
                    {
                        etag = fresh.ToString();
                    }

                    mine.RecordValue(Latencies.Microseconds(clock.ElapsedTicks - started));
                }

                lock (histogram)
                {
                    histogram.Add(mine);
                    requests += (int)mine.TotalCount;
                    notModified += mineNotModified;
                }
            }));
            p99s.Add(histogram.Milliseconds(99));
            notModifiedShares.Add(100.0 * notModified / Math.Max(1, requests));
            return requests / clock.Elapsed.TotalSeconds;
        });
        return (throughput, Measured.Of(p99s.Skip(1).ToList()), Measured.Of(notModifiedShares.Skip(1).ToList()));
    }
}
