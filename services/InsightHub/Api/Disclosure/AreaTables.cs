using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Disclosure;

/// <summary>
/// One count over the whole roll-up as <see cref="LinkedTables"/>: a cell per area and column (an answer key, and
/// the total), a board's own staff as a never-published node where the campaign includes the board itself, and the
/// relations parent = children (+ own staff) in every column and total = keys (+ answers outside them) in every node.
/// </summary>
internal sealed class AreaTables
{
    public const string Total = "total";
    private const string Outside = "outside";

    private readonly Dictionary<(string Node, string Column), int> _cells = [];

    private AreaTables(LinkedTables tables) => Tables = tables;

    public LinkedTables Tables { get; }

    public bool IsHidden(AreaCode area, string column) => Tables.Cells[_cells[(area.Value, column)]].Hidden;

    public long Value(AreaCode area, string column) => Tables.Cells[_cells[(area.Value, column)]].Value;

    public bool Has(AreaCode area, string column) => _cells.ContainsKey((area.Value, column));

    /// <param name="keys">The published answer keys (none for a plain count).</param>
    /// <param name="raw">An area's raw count in a key column, or in <see cref="Total"/>.</param>
    /// <param name="includesItself">Whether the campaign includes a parent area as an organisation of its own.</param>
    /// <param name="hiddenAreas">Areas hidden already (every column of theirs starts hidden).</param>
    public static AreaTables Build(AreaRegistry areas, IReadOnlyList<string> keys, Func<AreaCode, string, long> raw, Func<AreaCode, bool> includesItself, IReadOnlySet<AreaCode> hiddenAreas)
    {
        var outside = keys.Count > 0 && areas.All.Any(a => raw(a.Code, Total) > keys.Sum(k => raw(a.Code, k)));
        IReadOnlyList<string> baseColumns = keys.Count == 0 ? [Total] : outside ? [.. keys, Outside] : keys;
        long Raw(AreaCode area, string column) => column == Outside ? Math.Max(0, raw(area, Total) - keys.Sum(k => raw(area, k))) : raw(area, column);

        var tables = new LinkedTables();
        var built = new AreaTables(tables);
        var leaves = new Dictionary<(string Node, string Column), List<int>>();

        // Leaves first, bottom-up, so each node's leaf set is known when its cells are made.
        List<int> Node(string node, Func<string, long> value, bool publishable, IReadOnlyList<string> childNodes, bool hidden)
        {
            var all = new List<int>();
            var columnCells = new List<int>();
            foreach (var column in baseColumns)
            {
                var mine = childNodes.Count == 0 ? [tables.AddLeaf()] : childNodes.SelectMany(c => leaves[(c, column)]).ToList();
                leaves[(node, column)] = mine;
                all.AddRange(mine);
                var cell = tables.AddCell(mine, value(column), publishable && column != Outside);
                built._cells[(node, column)] = cell;
                columnCells.Add(cell);
                if (childNodes.Count > 0)
                {
                    tables.AddRelation(cell, [.. childNodes.Select(c => built._cells[(c, column)])]);
                }
            }

            if (keys.Count > 0)
            {
                leaves[(node, Total)] = all;
                var total = tables.AddCell(all, value(Total), publishable);
                built._cells[(node, Total)] = total;
                tables.AddRelation(total, columnCells);
                if (childNodes.Count > 0)
                {
                    tables.AddRelation(total, [.. childNodes.Select(c => built._cells[(c, Total)])]);
                }
            }

            if (hidden)
            {
                foreach (var column in baseColumns.Append(Total).Distinct())
                {
                    tables.Hide(built._cells[(node, column)]);
                }
            }

            return all;
        }

        void Area(Area area)
        {
            var children = areas.ChildrenOf(area.Code);
            foreach (var child in children)
            {
                Area(child);
            }

            var childNodes = children.Select(c => c.Code.Value).ToList();
            var ownStaff = OwnStaffNode(area.Code);
            long Own(string column) => Math.Max(0, Raw(area.Code, column) - children.Sum(c => Raw(c.Code, column)));
            if (children.Count > 0 && (includesItself(area.Code) || baseColumns.Append(Total).Any(c => Own(c) > 0)))
            {
                Node(ownStaff, Own, publishable: false, [], hidden: true);
                childNodes.Add(ownStaff);
            }

            Node(area.Code.Value, c => Raw(area.Code, c), publishable: true, childNodes, hiddenAreas.Contains(area.Code));
        }

        Area(areas.Get(AreaCode.Scotland));
        return built;
    }

    private static string OwnStaffNode(AreaCode area) => $"own:{area.Value}";
}
