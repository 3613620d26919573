using System.Diagnostics;
using HdrHistogram;

namespace ChampionNetwork.Benchmarks.Measurement;

internal static class Latencies
{
    /// <summary>Microseconds, 1 µs to 10 minutes, 3 significant digits.</summary>
    public static LongHistogram NewHistogram() => new(1, 600_000_000, 3);

    public static long Microseconds(long stopwatchTicks) => Math.Max(1, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);

    public static double Milliseconds(this LongHistogram histogram, double percentile) =>
        (percentile >= 100 ? histogram.GetMaxValue() : histogram.GetValueAtPercentile(percentile)) / 1000.0;
}
