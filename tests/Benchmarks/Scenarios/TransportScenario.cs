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
        // Each prefetch with as many consumed at once, then the two other knobs MassTransit offers here: one message
        // at a time (as B-mq's consumer takes them), and raw JSON in place of MassTransit's envelope; then batches, as
        // the issue suggests for order-insensitive events.
        var variants = Prefetches.Select(p => new MassTransitVariant($"MassTransit prefetch {p}", p, p))
            .Append(new MassTransitVariant("MassTransit prefetch 300, one at a time", 300, 1))
            .Append(new MassTransitVariant("MassTransit prefetch 300, raw JSON", 300, 300, RawJson: true))
            .Append(new MassTransitVariant("MassTransit prefetch 300, batches of 50", 300, 300, Batch: 50))
            .Append(new MassTransitVariant("MassTransit prefetch 300, batches of 100", 300, 300, Batch: 100));
        foreach (var variant in variants)
        {
            var measured = await Measured.RepeatAsync(() => MassTransitTransport.ThroughputAsync(vhost, messages, variant, cancellationToken));
            best = Math.Max(best, measured.Median / baseline.Median);
            report.Add(new ResultRow("transport", variant.Name, "msg/s", measured, baseline));
        }

        report.Add(new ResultRow("transport", "best MassTransit / B-mq", "ratio", Measured.Of([best]), Goal: "≥ 0.8", Met: best >= 0.8));
    }
}
