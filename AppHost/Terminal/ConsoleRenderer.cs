using System.Text;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Terminal;

/// <summary>
/// Writes every child's log lines with its name as a prefix, and the resource table. On a terminal the table stays
/// pinned below the log (redrawn in place); when the output is redirected it is printed again whenever it changes.
/// </summary>
internal sealed class ConsoleRenderer
{
    private static readonly string[] Palette = ["\e[36m", "\e[33m", "\e[35m", "\e[32m", "\e[34m", "\e[91m", "\e[96m", "\e[93m"];
    private readonly Lock _gate = new();
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private IReadOnlyList<ResourceSnapshot> _rows = [];
    private string _lastTable = string.Empty;
    private int _tableLines;
    private int _prefixWidth = 10;

    public ConsoleRenderer(TextWriter output, bool interactive)
    {
        _out = output;
        _interactive = interactive;
    }

    public static ConsoleRenderer ForConsole() =>
        new(Console.Out, !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"));

    public void SetNames(IEnumerable<string> names)
    {
        lock (_gate)
        {
            _prefixWidth = Math.Max(_prefixWidth, names.Append("apphost").Max(n => n.Length));
        }
    }

    /// <summary>One line of a child's (or the AppHost's own) output.</summary>
    public void Line(string source, string text)
    {
        lock (_gate)
        {
            ClearTable();
            var prefix = source.PadRight(_prefixWidth);
            if (_interactive)
            {
                _out.WriteLine($"{Colour(source)}{prefix}\e[0m | {text}");
            }
            else
            {
                _out.WriteLine($"{prefix} | {text}");
            }

            DrawTable();
        }
    }

    /// <summary>Plain text (the URL summary), kept above the table.</summary>
    public void Block(string text)
    {
        lock (_gate)
        {
            ClearTable();
            _out.WriteLine(text);
            DrawTable();
        }
    }

    public void Update(IReadOnlyList<ResourceSnapshot> rows)
    {
        lock (_gate)
        {
            var table = ResourceTable.Render(rows);
            if (table == _lastTable)
            {
                return;
            }

            ClearTable();
            _rows = rows;
            _lastTable = table;
            if (!_interactive)
            {
                _out.Write(table);
                _out.Flush();
                return;
            }

            DrawTable();
        }
    }

    /// <summary>Leaves the last table on screen (at exit).</summary>
    public void Release()
    {
        lock (_gate)
        {
            _tableLines = 0;
            _rows = [];
            _out.Flush();
        }
    }

    private void ClearTable()
    {
        if (_interactive && _tableLines > 0)
        {
            _out.Write($"\e[{_tableLines}A\e[J");
            _tableLines = 0;
        }
    }

    private void DrawTable()
    {
        if (_interactive && _rows.Count > 0)
        {
            var table = ResourceTable.Render(_rows);
            _out.Write(table);
            _tableLines = table.Count(c => c == '\n');
        }

        _out.Flush();
    }

    private string Colour(string source)
    {
        if (!_colours.TryGetValue(source, out var colour))
        {
            colour = source == "apphost" ? "\e[1m" : Palette[_colours.Count % Palette.Length];
            _colours[source] = colour;
        }

        return colour;
    }
}

internal static class ResourceTable
{
    public static string Render(IReadOnlyList<ResourceSnapshot> rows)
    {
        string[] header = ["RESOURCE", "STATE", "HEALTH", "ENDPOINT", "PID", "SOURCE"];
        var cells = rows.Select(r => new[]
        {
            r.Name,
            r.State.ToString() + (r.Restarts > 0 ? $" (restarts: {r.Restarts})" : string.Empty),
            r.Health switch { HealthStatus.Healthy => "Healthy", HealthStatus.Unhealthy => "Unhealthy", _ => "-" },
            r.Endpoint ?? "-",
            r.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            r.Source ?? "-",
        }).ToList();
        var widths = header.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        var rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        sb.Append(rule).Append('\n');
        sb.Append(Row(header, widths)).Append('\n');
        sb.Append(rule).Append('\n');
        foreach (var row in cells)
        {
            sb.Append(Row(row, widths)).Append('\n');
        }

        sb.Append(rule).Append('\n');
        return sb.ToString();
    }

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
}
