namespace ChampionNetwork.Disclosure;

/// <summary>
/// A set of linked tables: every cell is the sum of some leaf cells (the finest counts, e.g. one organisation's
/// answers of 4 to one item), and relations state which cells add up to which totals. One instance holds every
/// figure that one publication shows of one count (an area hierarchy with its cuts), so suppression and the
/// derivability check see all of them at once.
/// </summary>
public sealed class LinkedTables
{
    private readonly List<LinkedCell> _cells = [];
    private readonly List<(int Total, int[] Parts)> _relations = [];
    private int _leaves;

    public IReadOnlyList<LinkedCell> Cells => _cells;

    public IReadOnlyList<(int Total, int[] Parts)> Relations => _relations;

    public int LeafCount => _leaves;

    public int AddLeaf() => _leaves++;

    /// <summary>A cell over <paramref name="leaves"/> holding <paramref name="value"/>.</summary>
    /// <param name="publishable">False for cells that are never published (a board's own staff, answers outside the listed keys).</param>
    public int AddCell(IReadOnlyList<int> leaves, long value, bool publishable)
    {
        _cells.Add(new LinkedCell(_cells.Count, [.. leaves.Order()], value, publishable) { Hidden = !publishable });
        return _cells.Count - 1;
    }

    /// <summary>States that <paramref name="total"/> is the sum of <paramref name="parts"/>, whose leaves are disjoint.</summary>
    public void AddRelation(int total, IReadOnlyList<int> parts) => _relations.Add((total, [.. parts]));

    public void Hide(int cell) => _cells[cell].Hidden = true;
}

public sealed class LinkedCell(int id, int[] leaves, long value, bool publishable)
{
    public int Id { get; } = id;

    public int[] Leaves { get; } = leaves;

    public long Value { get; } = value;

    public bool Publishable { get; } = publishable;

    public bool Hidden { get; set; }

    public bool Published => Publishable && !Hidden;
}
