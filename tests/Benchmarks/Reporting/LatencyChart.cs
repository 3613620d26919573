using System.Globalization;
using System.Text;
using ChampionNetwork.Benchmarks.Measurement;
using HdrHistogram;

namespace ChampionNetwork.Benchmarks.Reporting;

/// <summary>An SVG percentile chart of latency distributions: x is the percentile on a log scale of 1/(1-p), y is milliseconds.</summary>
internal static class LatencyChart
{
    private const int Width = 720;
    private const int Height = 400;
    private const int Margin = 50;
    private static readonly string[] Colours = ["#c0392b", "#2471a3", "#27ae60"];
    private static readonly double[] Ticks = [0, 50, 90, 99, 99.9];

    public static async Task WriteAsync(string path, string title, IReadOnlyList<(string Name, LongHistogram Histogram)> series)
    {
        var points = Enumerable.Range(0, 200).Select(i => 100 * (1 - Math.Pow(10, -3.0 * i / 199))).ToList();
        var maxMs = Math.Max(1, series.Max(s => s.Histogram.Milliseconds(100)));
        static double X(double p) => Margin + ((Width - (2 * Margin)) * Math.Log10(1 / (1 - Math.Min(p, 99.9) / 100)) / 3);
        double Y(double ms) => Height - Margin - ((Height - (2 * Margin)) * ms / maxMs);
        var svg = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        svg.AppendLine(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(c, $"<text x=\"{Margin}\" y=\"20\" font-size=\"14\">{System.Security.SecurityElement.Escape(title)}</text>");
        svg.AppendLine(c, $"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>");
        svg.AppendLine(c, $"<line x1=\"{Margin}\" y1=\"{Margin}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>");
        foreach (var tick in Ticks)
        {
            svg.AppendLine(c, $"<text x=\"{X(tick):F1}\" y=\"{Height - Margin + 16}\" text-anchor=\"middle\">p{tick}</text>");
        }

        for (var i = 0; i <= 4; i++)
        {
            var ms = maxMs * i / 4;
            svg.AppendLine(c, $"<text x=\"{Margin - 4}\" y=\"{Y(ms) + 4:F1}\" text-anchor=\"end\">{ms:N0}</text>");
        }

        svg.AppendLine(c, $"<text x=\"12\" y=\"{Height / 2}\" transform=\"rotate(-90 12 {Height / 2})\" text-anchor=\"middle\">ms</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var line = string.Join(' ', points.Select(p => string.Create(c, $"{X(p):F1},{Y(series[s].Histogram.Milliseconds(p)):F1}")));
            svg.AppendLine(c, $"<polyline fill=\"none\" stroke=\"{Colours[s % Colours.Length]}\" stroke-width=\"2\" points=\"{line}\"/>");
            svg.AppendLine(c, $"<text x=\"{Width - Margin - 120}\" y=\"{Margin + 16 + (16 * s)}\" fill=\"{Colours[s % Colours.Length]}\">{System.Security.SecurityElement.Escape(series[s].Name)}</text>");
        }

        svg.AppendLine("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, svg.ToString());
    }
}
