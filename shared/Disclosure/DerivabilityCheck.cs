namespace ChampionNetwork.Disclosure;

/// <summary>
/// Proves that no protected hidden cell of a <see cref="LinkedTables"/> is determined by the published ones. The
/// reader's knowledge is a linear system over the leaf cells: one equation per published cell (its leaves sum to
/// its value, taken as exact even where it was rounded, which only gives the reader more than they have), and
/// <c>leaf = 0</c> for every leaf under a published zero (counts are never negative; substituted, not eliminated). A hidden cell is determined
/// exactly when its leaf vector lies in the row space of that system. Elimination is exact and fraction-free over
/// integers (checked arithmetic, rows kept primitive by their gcd), so no rounding error can hide a dependency.
/// </summary>
public static class DerivabilityCheck
{
    /// <summary>The first protected hidden cell the published cells determine, with the published cells whose
    /// combination gives it; null when none is determined.</summary>
    public static Derivation? FindDerivable(LinkedTables tables, DisclosurePolicy policy)
    {
        var basis = new Dictionary<int, SparseRow>();
        var published = tables.Cells.Where(c => c.Published).ToList();
        // Known zeros are substituted rather than added as equations: in a sparse campaign most leaves are.
        var zero = new bool[tables.LeafCount];
        foreach (var leaf in published.Where(c => c.Value == 0).SelectMany(c => c.Leaves))
        {
            zero[leaf] = true;
        }

        int[] Unknown(LinkedCell cell) => [.. cell.Leaves.Where(l => !zero[l])];

        foreach (var cell in published.Where(c => c.Value > 0))
        {
            Insert(basis, SparseRow.Unit(Unknown(cell), combination: cell.Id));
        }

        foreach (var cell in tables.Cells.Where(c => c.Hidden && IsProtected(c, policy)))
        {
            var reduced = Reduce(basis, SparseRow.Unit(Unknown(cell), combination: -1));
            if (reduced.IsEmpty)
            {
                return new Derivation(cell, [.. reduced.Combination.Where(id => id >= 0).Select(id => tables.Cells[id])]);
            }
        }

        return null;
    }

    /// <summary>
    /// Hidden cells whose value must stay unknown: every suppressed cell holding someone's answers, and a
    /// never-published cell when it is small enough to be suppressed itself. A zero is published by every policy,
    /// so a hidden zero learned is nothing a published table would not have said.
    /// </summary>
    public static bool IsProtected(LinkedCell cell, DisclosurePolicy policy) =>
        cell.Value > 0 && (cell.Publishable || policy.SuppressesCount(checked((int)cell.Value)));

    private static void Insert(Dictionary<int, SparseRow> basis, SparseRow row)
    {
        var reduced = Reduce(basis, row);
        if (!reduced.IsEmpty)
        {
            basis[reduced.Lead] = reduced;
        }
    }

    private static SparseRow Reduce(Dictionary<int, SparseRow> basis, SparseRow row)
    {
        var position = 0;
        while (position < row.Columns.Length)
        {
            var column = row.Columns[position];
            if (basis.TryGetValue(column, out var pivot))
            {
                row = row.Eliminate(pivot, column);
                position = 0;
                while (position < row.Columns.Length && row.Columns[position] <= column)
                {
                    position++;
                }

                continue;
            }

            position++;
        }

        return row;
    }
}

/// <summary>A hidden cell the published ones determine, and the published cells whose combination gives it.</summary>
public sealed record Derivation(LinkedCell Cell, IReadOnlyList<LinkedCell> From);
