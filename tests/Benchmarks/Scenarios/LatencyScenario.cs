using System.Diagnostics;
using System.Net;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;
using HdrHistogram;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>latency</c>: submissions at a fixed rate (half the measured ingest maximum), each timed from when it was due to be
/// sent until the feed shows it. Visibility is a count watermark: submission k (0-based) is visible once Scotland's
/// count has grown by k + 1; the feed is polled every 10 ms, so figures are good to about 10 ms plus one feed read.
/// </summary>
internal static class LatencyScenario
{
    public static readonly TimeSpan RunFor = TimeSpan.FromSeconds(8);
    public const int FlushIntervalMs = 50;
    private static readonly double[] Percentiles = [50, 90, 99, 100];

    public static async Task RunAsync(Report report, PlatformHost platform, Champions champions, double ingestRate, string resultsDirectory, CancellationToken cancellationToken)
    {
        var rate = Math.Max(1, ingestRate / 2);
        var count = (int)(rate * RunFor.TotalSeconds);
        var amqp = await platform.EventBusAsync(cancellationToken);
        var bmqRuns = new List<LongHistogram>();
        await RawRabbitLatency.RunAsync(amqp, count, rate, cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            bmqRuns.Add(await RawRabbitLatency.RunAsync(amqp, count, rate, cancellationToken));
        }

        var runs = new List<LongHistogram>();
        using var client = Champions.Client();
        using var feed = new ScotlandFeed(platform.Endpoint("insighthub"), champions.Analyst());
        var url = new Uri(platform.Endpoint("surveys-api"), $"/api/campaigns/{SampleInsight.Campaign}/responses");
        await OnceAsync(client, feed, url, champions.Tokens(count), rate, cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await OnceAsync(client, feed, url, champions.Tokens(count), rate, cancellationToken));
        }

        Measured bmqP99 = Measured.Of(bmqRuns.Select(h => h.Milliseconds(99)).ToList());
        foreach (var p in Percentiles)
        {
            var name = p >= 100 ? "max" : $"p{p:0}";
            var measured = Measured.Of(runs.Select(h => h.Milliseconds(p)).ToList());
            var baseline = Measured.Of(bmqRuns.Select(h => h.Milliseconds(p)).ToList());
            var isP99 = p is 99;
            var limit = bmqP99.Median + FlushIntervalMs + 50;
            report.Add(new ResultRow(
                "latency",
                $"{name} at {rate:N0} sub/s (B-mq at the same rate)",
                "ms",
                measured,
                baseline,
                isP99 ? $"≤ B-mq p99 + {FlushIntervalMs} ms flush + 50 ms = {limit:N0} ms" : null,
                isP99 ? measured.Median <= limit : null));
        }

        var median = runs.OrderBy(h => h.Milliseconds(99)).ElementAt(runs.Count / 2);
        var medianBmq = bmqRuns.OrderBy(h => h.Milliseconds(99)).ElementAt(bmqRuns.Count / 2);
        await LatencyChart.WriteAsync(Path.Combine(resultsDirectory, "latency.svg"), $"Submission → feed latency at {rate:N0} sub/s (median run by p99)", [("platform", median), ("B-mq", medianBmq)]);
        report.AddExtra("latency-rate", rate);
    }

    private static async Task<LongHistogram> OnceAsync(HttpClient client, ScotlandFeed feed, Uri url, string[] tokens, double rate, CancellationToken cancellationToken)
    {
        var before = await feed.CountAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var visibleAt = new long[tokens.Length];
        var rejected = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = Task.Run(async () =>
        {
            var visible = 0;
            while (visible < tokens.Length - Volatile.Read(ref rejected))
            {
                var seen = (int)Math.Min(tokens.Length, await feed.CountAsync(stop.Token) - before);
                var now = clock.ElapsedTicks;
                for (; visible < seen; visible++)
                {
                    visibleAt[visible] = now;
                }

                if (visible < tokens.Length - Volatile.Read(ref rejected))
                {
                    await Task.Delay(10, stop.Token);
                }
            }
        }, stop.Token);
        var due = await OpenLoad.RunAsync(tokens.Length, rate, clock, async i =>
        {
            using var request = Champions.Submission(url, tokens[i]);
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref rejected);
            }
        }, cancellationToken);
        stop.CancelAfter(TimeSpan.FromMinutes(2));
        await watcher;
        if (rejected > 0)
        {
            Console.WriteLine($"  latency: {rejected} submissions were not accepted");
        }

        var histogram = Latencies.NewHistogram();
        for (var i = 0; i < tokens.Length - rejected; i++)
        {
            histogram.RecordValue(Latencies.Microseconds(visibleAt[i] - due[i]));
        }

        return histogram;
    }
}
