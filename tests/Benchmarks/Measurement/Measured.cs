namespace ChampionNetwork.Benchmarks.Measurement;

/// <summary>The median of several runs, with the smallest and largest beside it.</summary>
public sealed record Measured(double Median, double Min, double Max, IReadOnlyList<double> Runs)
{
    public static Measured Of(IReadOnlyList<double> runs)
    {
        var sorted = runs.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return new Measured(median, sorted[0], sorted[^1], runs);
    }

    /// <summary>Warms up, then runs <paramref name="runs"/> times and keeps every figure.</summary>
    public static async Task<Measured> RepeatAsync(Func<Task<double>> run, int runs = 5, int warmups = 1)
    {
        for (var i = 0; i < warmups; i++)
        {
            await run();
        }

        var figures = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            figures.Add(await run());
        }

        return Of(figures);
    }

    public override string ToString() => $"{Median:N1} ({Min:N1}–{Max:N1})";
}
