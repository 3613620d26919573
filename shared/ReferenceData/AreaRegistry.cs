using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace ChampionNetwork.ReferenceData;

/// <summary>
/// Scotland, the 14 territorial NHS boards, the 31 HSCPs, the 32 council areas and the national bodies,
/// with the roll-up hierarchy used for aggregation: organisation → board → Scotland
/// (national bodies → Scotland). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Every lookup accepts superseded codes too (data from before 2019 still carries them, e.g. NHS Fife's
/// <c>S08000018</c>) and answers with the current area.
/// </remarks>
public sealed class AreaRegistry
{
    private static readonly Lazy<AreaRegistry> DefaultInstance = new(
        () => FromCsv(EmbeddedData.ReadText(EmbeddedData.Areas), EmbeddedData.ReadText(EmbeddedData.SupersededCodes)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<AreaCode, Area> _byCode;
    private readonly FrozenDictionary<AreaCode, AreaCode> _superseded;
    private readonly FrozenDictionary<AreaCode, ReadOnlyCollection<AreaCode>> _rollUps;
    private readonly FrozenDictionary<AreaCode, ReadOnlyCollection<Area>> _children;
    private readonly FrozenDictionary<AreaType, ReadOnlyCollection<Area>> _byType;

    private AreaRegistry(IReadOnlyList<Area> areas, IReadOnlyDictionary<AreaCode, AreaCode> superseded)
    {
        All = areas.ToList().AsReadOnly();
        _byCode = areas.ToFrozenDictionary(a => a.Code);
        _superseded = superseded.ToFrozenDictionary();

        _byType = Enum.GetValues<AreaType>().ToFrozenDictionary(
            t => t,
            t => areas.Where(a => a.Type == t).ToList().AsReadOnly());

        _rollUps = areas.ToFrozenDictionary(a => a.Code, a => BuildRollUp(a).AsReadOnly());

        var byTypeThenName = Comparer<Area>.Create((x, y) =>
            x.Type != y.Type ? x.Type.CompareTo(y.Type) : string.CompareOrdinal(x.Name, y.Name));
        _children = areas.ToFrozenDictionary(
            a => a.Code,
            a => areas.Where(child => IsChild(a, child)).Order(byTypeThenName).ToList().AsReadOnly());
    }

    /// <summary>The registry built from the embedded CSV files (parsed once, at first use).</summary>
    public static AreaRegistry Default => DefaultInstance.Value;

    /// <summary>Every current area, in file order: Scotland, boards, HSCPs, councils, national bodies.</summary>
    public IReadOnlyCollection<Area> All { get; }

    /// <summary>Old codes (retired in the 2018 and 2019 boundary changes) mapped to the current ones.</summary>
    public IReadOnlyDictionary<AreaCode, AreaCode> SupersededCodes => _superseded;

    /// <summary>The current areas of one type, in file order.</summary>
    public IReadOnlyList<Area> OfType(AreaType type) =>
        _byType.TryGetValue(type, out var areas) ? areas : ReadOnlyCollection<Area>.Empty;

    /// <summary>
    /// Resolves a code as it arrives in data: trimmed, any case, current or superseded.
    /// False for null, malformed or unknown codes.
    /// </summary>
    public bool TryResolve([NotNullWhen(true)] string? code, [MaybeNullWhen(false)] out Area area)
    {
        if (AreaCode.TryParse(code, out var parsed))
        {
            return TryResolve(parsed, out area);
        }

        area = null;
        return false;
    }

    /// <summary>Resolves a current or superseded code to its current area.</summary>
    public bool TryResolve(AreaCode code, [MaybeNullWhen(false)] out Area area)
    {
        if (_byCode.TryGetValue(code, out area))
        {
            return true;
        }

        if (_superseded.TryGetValue(code, out var current))
        {
            return _byCode.TryGetValue(current, out area);
        }

        area = null;
        return false;
    }

    /// <summary>The area with this (current or superseded) code.</summary>
    /// <exception cref="KeyNotFoundException">The code is not a known area.</exception>
    public Area Get(AreaCode code) =>
        TryResolve(code, out var area)
            ? area
            : throw new KeyNotFoundException($"'{code}' is not a known area code.");

    /// <summary>
    /// The codes an organisation's figures roll up into, distinct, from the organisation itself upwards:
    /// HSCP or council → [itself, its board, Scotland]; board → [board, Scotland];
    /// national body → [itself, Scotland]; Scotland → [Scotland].
    /// A superseded code rolls up as its current code.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The code is not a known area.</exception>
    public IReadOnlyList<AreaCode> RollUpOf(AreaCode code) => _rollUps[Get(code).Code];

    /// <summary>
    /// The areas directly below one in the roll-up: Scotland → boards and national bodies;
    /// a board → the HSCPs and councils in its area; anything else → empty.
    /// Ordered by type, then name.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The code is not a known area.</exception>
    public IReadOnlyList<Area> ChildrenOf(AreaCode code) => _children[Get(code).Code];

    private static List<AreaCode> BuildRollUp(Area area)
    {
        var chain = new List<AreaCode> { area.Code };
        if (area.BoardCode is { } board && !chain.Contains(board))
        {
            chain.Add(board);
        }

        if (!chain.Contains(AreaCode.Scotland))
        {
            chain.Add(AreaCode.Scotland);
        }

        return chain;
    }

    private static bool IsChild(Area parent, Area child) => parent.Type switch
    {
        AreaType.Country => child.Type is AreaType.Board or AreaType.NationalBody,
        AreaType.Board => (child.Type is AreaType.Hscp or AreaType.Council) && child.BoardCode == parent.Code,
        _ => false,
    };

    /// <summary>Builds a registry from the two CSV texts, checking the data's integrity.</summary>
    /// <exception cref="InvalidDataException">The data is malformed or inconsistent.</exception>
    internal static AreaRegistry FromCsv(string areasCsv, string supersededCsv)
    {
        var areas = ReadAreas(CsvTable.Parse(areasCsv, EmbeddedData.Areas));
        var superseded = ReadSuperseded(CsvTable.Parse(supersededCsv, EmbeddedData.SupersededCodes), areas);
        return new AreaRegistry(areas, superseded);
    }

    private static List<Area> ReadAreas(CsvTable table)
    {
        int codeCol = table.Column("code"), nameCol = table.Column("name"), typeCol = table.Column("type");
        int boardCol = table.Column("board_code"), hscpCol = table.Column("hscp_code");

        var areas = new List<Area>(table.Rows.Count);
        var byCode = new Dictionary<AreaCode, Area>();
        foreach (var row in table.Rows)
        {
            string Where() => $"{table.Source} line {row.Line}";

            var code = ParseCode(row[codeCol], Where)
                ?? throw new InvalidDataException($"{Where()}: missing code.");
            var name = row[nameCol].Trim();
            if (name.Length == 0)
            {
                throw new InvalidDataException($"{Where()}: missing name for {code}.");
            }

            var type = ParseType(row[typeCol], Where);
            var board = ParseCode(row[boardCol], Where);
            var hscp = ParseCode(row[hscpCol], Where);

            switch (type)
            {
                case AreaType.Country:
                    Require(code == AreaCode.Scotland && board is null && hscp is null, "Scotland must be S92000003 with no board or HSCP");
                    break;
                case AreaType.NationalBody:
                    Require(code.IsNationalBody && board is null && hscp is null, "a national body needs an NB- code and no board or HSCP");
                    break;
                case AreaType.Board:
                    Require(code.IsGss && (board is null || board == code) && hscp is null, "a board's board_code must be itself, with no HSCP");
                    board = code;
                    break;
                case AreaType.Hscp:
                    Require(code.IsGss && board is not null && (hscp is null || hscp == code), "an HSCP needs a board_code and its own code as hscp_code");
                    hscp = code;
                    break;
                case AreaType.Council:
                    Require(code.IsGss && board is not null && hscp is not null, "a council needs a board_code and an hscp_code");
                    break;
            }

            var area = new Area(code, name, type, board, hscp);
            if (!byCode.TryAdd(code, area))
            {
                throw new InvalidDataException($"{Where()}: duplicate code {code}.");
            }

            areas.Add(area);

            void Require(bool condition, string rule)
            {
                if (!condition)
                {
                    throw new InvalidDataException($"{Where()}: {code}: {rule}.");
                }
            }
        }

        // References must point at areas of the right type, and a council's HSCP must lie in the council's board.
        if (areas.Count(a => a.Type == AreaType.Country) != 1)
        {
            throw new InvalidDataException($"{table.Source}: expected exactly one country row (Scotland).");
        }

        foreach (var area in areas)
        {
            if (area.Type is AreaType.Hscp or AreaType.Council
                && !(byCode.TryGetValue(area.BoardCode!.Value, out var board) && board.Type == AreaType.Board))
            {
                throw new InvalidDataException($"{table.Source}: {area.Code}'s board_code {area.BoardCode} is not a board.");
            }

            if (area.Type == AreaType.Council)
            {
                if (!(byCode.TryGetValue(area.HscpCode!.Value, out var hscp) && hscp.Type == AreaType.Hscp))
                {
                    throw new InvalidDataException($"{table.Source}: {area.Code}'s hscp_code {area.HscpCode} is not an HSCP.");
                }

                if (hscp.BoardCode != area.BoardCode)
                {
                    throw new InvalidDataException($"{table.Source}: {area.Code} lies in {area.BoardCode} but its HSCP {hscp.Code} in {hscp.BoardCode}.");
                }
            }
        }

        return areas;
    }

    private static Dictionary<AreaCode, AreaCode> ReadSuperseded(CsvTable table, List<Area> areas)
    {
        int oldCol = table.Column("old_code"), currentCol = table.Column("current_code"), typeCol = table.Column("type");
        var byCode = areas.ToDictionary(a => a.Code);
        var map = new Dictionary<AreaCode, AreaCode>();
        foreach (var row in table.Rows)
        {
            string Where() => $"{table.Source} line {row.Line}";

            var oldCode = ParseCode(row[oldCol], Where) ?? throw new InvalidDataException($"{Where()}: missing old_code.");
            var current = ParseCode(row[currentCol], Where) ?? throw new InvalidDataException($"{Where()}: missing current_code.");
            var type = ParseType(row[typeCol], Where);

            if (byCode.ContainsKey(oldCode))
            {
                throw new InvalidDataException($"{Where()}: {oldCode} is still a current code.");
            }

            if (!byCode.TryGetValue(current, out var area) || area.Type != type)
            {
                throw new InvalidDataException($"{Where()}: {current} is not a current {type}.");
            }

            if (!map.TryAdd(oldCode, current))
            {
                throw new InvalidDataException($"{Where()}: duplicate old_code {oldCode}.");
            }
        }

        return map;
    }

    private static AreaCode? ParseCode(string field, Func<string> where)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        return AreaCode.TryParse(field, out var code)
            ? code
            : throw new InvalidDataException($"{where()}: '{field}' is not an area code.");
    }

    private static AreaType ParseType(string field, Func<string> where) => field.Trim().ToUpperInvariant() switch
    {
        "COUNTRY" => AreaType.Country,
        "BOARD" => AreaType.Board,
        "HSCP" => AreaType.Hscp,
        "COUNCIL" => AreaType.Council,
        "NATIONAL" or "NATIONAL BODY" or "NATIONALBODY" => AreaType.NationalBody,
        _ => throw new InvalidDataException($"{where()}: unknown area type '{field}'."),
    };
}
