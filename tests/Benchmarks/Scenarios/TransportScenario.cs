using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary><c>transport</c>: MassTransit publish→consume throughput over raw RabbitMQ.Client (B-mq), at several prefetch counts.</summary>
internal static class TransportScenario
{
    public static readonly int[] Prefetches = [16, 100, 200, 300];

    public static async Task RunAsync(Report report, int messages, CancellationToken cancellationToken)
    {
        await using var broker = await LocalRabbitMq.StartAsync(cancellationToken);
        var vhost = await broker.CreateVirtualHostAsync("transport", cancellationToken);

        var baseline = await Measured.RepeatAsync(() => RawRabbitBaseline.ThroughputAsync(vhost, messages, cancellationToken));
        report.Add(new ResultRow("transport", "B-mq raw RabbitMQ.Client (prefetch 200, 256 confirms)", "msg/s", baseline));

        var best = 0.0;
        foreach (var prefetch in Prefetches)
        {
            var measured = await Measured.RepeatAsync(() => MassTransitTransport.ThroughputAsync(vhost, messages, prefetch, cancellationToken));
            var ratio = measured.Median / baseline.Median;
            best = Math.Max(best, ratio);
            report.Add(new ResultRow("transport", $"MassTransit prefetch {prefetch}", "msg/s", measured, baseline));
        }

        report.Add(new ResultRow("transport", "best MassTransit / B-mq", "ratio", Measured.Of([best]), Goal: "≥ 0.8", Met: best >= 0.8));
    }
}
