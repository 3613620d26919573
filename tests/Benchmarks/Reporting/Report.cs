using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChampionNetwork.Benchmarks.Reporting;

/// <summary>Collects rows and writes them as a Markdown table (stdout) and JSON (results/).</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly List<ResultRow> _rows = [];
    private readonly Dictionary<string, object> _extras = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Scenario} / {row.Measure}: {row.Value} {row.Unit}" + (row.Ratio is { } r ? $", ratio {r:N2}" : "") + (row.Met is { } m ? (m ? " — goal met" : " — goal MISSED") : ""));
    }

    public void AddExtra(string name, object value) => _extras[name] = value;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
        md.AppendLine();
        md.AppendLine("| scenario | measure | median (min–max) | baseline median | ratio | goal | result |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in _rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Measure} | {Figure(row.Value.Median)} ({Figure(row.Value.Min)}–{Figure(row.Value.Max)}) {row.Unit} | {(row.Baseline is null ? "" : Figure(row.Baseline.Median))} | {(row.Ratio is { } r ? r.ToString("N2", CultureInfo.InvariantCulture) : "")} | {row.Goal} | {(row.Met is null ? "" : row.Met.Value ? "pass" : "**missed**")} |");
        }

        return md.ToString();
    }

    /// <summary>One decimal, or two below 10 (ratios, writes per event).</summary>
    private static string Figure(double value) => value.ToString(Math.Abs(value) < 10 ? "N2" : "N1", CultureInfo.InvariantCulture);

    public async Task WriteAsync(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var markdown = ToMarkdown();
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.md"), markdown);
        await File.WriteAllTextAsync(
            Path.Combine(directory, $"{name}.json"),
            JsonSerializer.Serialize(new { machine = Machine.Describe(), measuredAt = DateTimeOffset.UtcNow, rows = _rows, extras = _extras }, Json));
        Console.WriteLine();
        Console.WriteLine(markdown);
    }
}
