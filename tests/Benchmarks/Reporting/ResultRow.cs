using ChampionNetwork.Benchmarks.Measurement;

namespace ChampionNetwork.Benchmarks.Reporting;

/// <summary>One line of the results table: a figure, the baseline it is measured against, and the goal it must meet.</summary>
public sealed record ResultRow(
    string Scenario,
    string Measure,
    string Unit,
    Measured Value,
    Measured? Baseline = null,
    string? Goal = null,
    bool? Met = null)
{
    public double? Ratio => Baseline is null || Baseline.Median == 0 ? null : Value.Median / Baseline.Median;
}
