using System.Diagnostics;
using System.Net;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;
using HdrHistogram;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>latency</c>: submissions at a fixed rate (half the measured ingest maximum), each timed three ways:
/// <list type="bullet">
/// <item>from when it was due to be sent until the grains know it: Scotland's count in its grain state in Redis
/// (<see cref="ScotlandAggregate"/>), the internal aggregate, before any publication;</item>
/// <item>from when its event reached the bus (<see cref="BusTap"/>) until the grains know it: the grains' part, set
/// against B-mq (the release, which holds responses back on purpose, comes before the bus);</item>
/// <item>from when it was due until the public feed shows it: bounded below by the publication schedule.</item>
/// </list>
/// Each is a count watermark: submission k (0-based) is known once the count has grown by k + 1. Counts are polled
/// every 10 ms, so figures are good to about 10 ms plus one read. The goal holds the bus → grains part to B-mq at the
/// same rate, evenly spaced, as the issue sets it. Events reach the bus in Surveys' releases, though, a release's
/// worth at once, so B-mq is also measured in bursts of the same size at the same interval: how long raw RabbitMQ
/// alone takes to deliver the last of a release.
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

        var bursts = new List<LongHistogram>();
        for (var i = 0; i < 5; i++)
        {
            bursts.Add(await RawRabbitLatency.RunAsync(amqp, count, rate, cancellationToken, PlatformHost.Cadence));
        }

        var runs = new List<Run>();
        using var client = Champions.Client();
        using var feed = new ScotlandFeed(platform.Endpoint("insighthub"), champions.Analyst());
        await using var aggregate = await ScotlandAggregate.ConnectAsync(await platform.RedisAsync(cancellationToken), "championnetwork", SampleInsight.Campaign);
        await using var tap = await BusTap.StartAsync(amqp, cancellationToken);
        var url = new Uri(platform.Endpoint("surveys-api"), $"/api/campaigns/{SampleInsight.Campaign}/responses");
        await OnceAsync(client, feed, aggregate, tap, url, champions.Tokens(count), rate, cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await OnceAsync(client, feed, aggregate, tap, url, champions.Tokens(count), rate, cancellationToken));
        }

        Measured bmqP99 = Measured.Of(bmqRuns.Select(h => h.Milliseconds(99)).ToList());
        var limit = bmqP99.Median + FlushIntervalMs + 50;
        foreach (var (what, pick, goal) in new (string, Func<Run, LongHistogram>, bool)[]
                 {
                     ("bus → grains", r => r.Grains, true),
                     ("submission → grains", r => r.Internal, false),
                     ("submission → public feed", r => r.Feed, false),
                 })
        {
            foreach (var p in Percentiles)
            {
                var measured = Measured.Of(runs.Select(r => pick(r).Milliseconds(p)).ToList());
                var baseline = Measured.Of(bmqRuns.Select(h => h.Milliseconds(p)).ToList());
                var judged = goal && p is 99;
                report.Add(new ResultRow(
                    "latency",
                    $"{what} {PercentileName(p)} at {rate:N0} sub/s (B-mq at the same rate)",
                    "ms",
                    measured,
                    baseline,
                    judged ? $"≤ B-mq p99 + {FlushIntervalMs} ms flush + 50 ms = {limit:N0} ms" : null,
                    judged ? measured.Median <= limit : null));
            }
        }

        foreach (var p in Percentiles)
        {
            report.Add(new ResultRow(
                "latency",
                $"B-mq {PercentileName(p)} at {rate:N0} msg/s in bursts every {PlatformHost.Cadence.TotalSeconds:0} s, as releases reach the bus",
                "ms",
                Measured.Of(bursts.Select(h => h.Milliseconds(p)).ToList())));
        }

        var median = runs.OrderBy(r => r.Grains.Milliseconds(99)).ElementAt(runs.Count / 2);
        var medianBmq = bmqRuns.OrderBy(h => h.Milliseconds(99)).ElementAt(bmqRuns.Count / 2);
        await LatencyChart.WriteAsync(Path.Combine(resultsDirectory, "latency.svg"), $"Bus → grains latency at {rate:N0} sub/s (median run by p99)", [("platform", median.Grains), ("B-mq", medianBmq)]);
        report.AddExtra("latency-rate", rate);
    }

    private static async Task<Run> OnceAsync(HttpClient client, ScotlandFeed feed, ScotlandAggregate aggregate, BusTap tap, Uri url, string[] tokens, double rate, CancellationToken cancellationToken)
    {
        var feedBefore = await feed.CountAsync(cancellationToken);
        var internalBefore = await aggregate.CountAsync();
        var clock = Stopwatch.StartNew();
        tap.Start(clock);
        var rejected = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feedAt = new long[tokens.Length];
        var internalAt = new long[tokens.Length];
        int Expected() => tokens.Length - Volatile.Read(ref rejected);
        var watchers = Task.WhenAll(
            WatchAsync(async () => await feed.CountAsync(stop.Token) - feedBefore, feedAt, clock, Expected, stop.Token),
            WatchAsync(async () => await aggregate.CountAsync() - internalBefore, internalAt, clock, Expected, stop.Token));
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
        await watchers;
        var arrivals = tap.Arrivals();
        if (rejected > 0)
        {
            Console.WriteLine($"  latency: {rejected} submissions were not accepted");
        }

        var accepted = tokens.Length - rejected;
        if (arrivals.Length < accepted)
        {
            throw new InvalidOperationException($"The bus tap saw {arrivals.Length} events for {accepted} accepted submissions.");
        }

        var run = new Run(Latencies.NewHistogram(), Latencies.NewHistogram(), Latencies.NewHistogram());
        for (var i = 0; i < accepted; i++)
        {
            run.Feed.RecordValue(Latencies.Microseconds(feedAt[i] - due[i]));
            run.Internal.RecordValue(Latencies.Microseconds(internalAt[i] - due[i]));
            run.Grains.RecordValue(Latencies.Microseconds(Math.Max(0, internalAt[i] - arrivals[i])));
        }

        return run;
    }

    /// <summary>Polls a count every 10 ms and stamps each position as it is reached, until <paramref name="expected"/> are.</summary>
    private static async Task WatchAsync(Func<Task<long>> count, long[] at, Stopwatch clock, Func<int> expected, CancellationToken cancellationToken)
    {
        var reached = 0;
        while (reached < expected())
        {
            var seen = (int)Math.Min(at.Length, await count());
            var now = clock.ElapsedTicks;
            for (; reached < seen; reached++)
            {
                at[reached] = now;
            }

            if (reached < expected())
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    private static string PercentileName(double p) => p >= 100 ? "max" : $"p{p:0}";

    private sealed record Run(LongHistogram Feed, LongHistogram Internal, LongHistogram Grains);
}
