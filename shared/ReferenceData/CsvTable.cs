using System.Text;

namespace ChampionNetwork.ReferenceData;

/// <summary>
/// A small RFC 4180 reader: comma-separated, fields optionally quoted with <c>"</c>,
/// <c>""</c> for a quote inside a quoted field, quoted fields may span lines,
/// LF or CRLF line endings. The first record is the header; blank lines are skipped.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string source, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (!_columns.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"{source}: duplicate column '{header[i]}'.");
            }
        }
    }

    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>The index of a required column; throws <see cref="InvalidDataException"/> if it is missing.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InvalidDataException($"{Source}: missing column '{name}'.");

    public static CsvTable Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ReadRecords(text, source);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{source}: no header row.");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Length)
            {
                throw new InvalidDataException(
                    $"{source} line {record.Line}: expected {header.Length} fields, found {record.Fields.Count}.");
            }

            rows.Add(record);
        }

        return new CsvTable(source, header, rows);
    }

    private static List<CsvRow> ReadRecords(string text, string source)
    {
        var records = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;

        // A leading byte-order mark is not part of the first field.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                // Quoted field: runs to the closing quote; "" is a literal quote.
                var openedOn = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new InvalidDataException($"{source} line {openedOn}: unterminated quoted field.");
                    }

                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                // After the closing quote only a separator or end of line may follow.
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new InvalidDataException($"{source} line {line}: unexpected character after closing quote.");
                }

                atFieldStart = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    throw new InvalidDataException($"{source} line {line}: quote inside an unquoted field.");
                default:
                    field.Append(c);
                    atFieldStart = false;
                    i++;
                    break;
            }
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            var blank = fields.Count == 0 && field.Length == 0 && atFieldStart;
            if (!blank)
            {
                fields.Add(field.ToString());
                records.Add(new CsvRow(recordLine, fields.ToArray()));
            }

            fields.Clear();
            field.Clear();
            atFieldStart = true;
        }
    }
}

internal sealed record CsvRow(int Line, IReadOnlyList<string> Fields)
{
    public string this[int column] => Fields[column];
}
