namespace ChampionNetwork.Disclosure;

/// <summary>
/// One integer row of the elimination: coefficients over leaf columns (sorted), and the set of equations it was
/// combined from. Integer, fraction-free and kept primitive; overflow throws rather than corrupting the proof.
/// </summary>
internal sealed class SparseRow(int[] columns, long[] coefficients, int[] combination)
{
    public int[] Columns { get; } = columns;

    public long[] Coefficients { get; } = coefficients;

    /// <summary>The equations (cell ids; -1 for the row being tested) this row combines, sorted: a superset of those
    /// with a non-zero coefficient, since terms can cancel.</summary>
    public int[] Combination { get; } = combination;

    public bool IsEmpty => Columns.Length == 0;

    public int Lead => Columns[0];

    public static SparseRow Unit(int[] leaves, int combination) => new(leaves, [.. leaves.Select(_ => 1L)], [combination]);

    /// <summary>This row times the pivot's coefficient at <paramref name="column"/>, less the pivot times ours: zero there.</summary>
    public SparseRow Eliminate(SparseRow pivot, int column)
    {
        var a = pivot.Coefficients[Array.BinarySearch(pivot.Columns, column)];
        var b = Coefficients[Array.BinarySearch(Columns, column)];
        var columns = new List<int>(Columns.Length + pivot.Columns.Length);
        var values = new List<long>(Columns.Length + pivot.Columns.Length);
        int i = 0, j = 0;
        while (i < Columns.Length || j < pivot.Columns.Length)
        {
            int col;
            long value;
            if (j >= pivot.Columns.Length || (i < Columns.Length && Columns[i] < pivot.Columns[j]))
            {
                col = Columns[i];
                value = checked(a * Coefficients[i++]);
            }
            else if (i >= Columns.Length || pivot.Columns[j] < Columns[i])
            {
                col = pivot.Columns[j];
                value = checked(-b * pivot.Coefficients[j++]);
            }
            else
            {
                col = Columns[i];
                value = checked((a * Coefficients[i++]) - (b * pivot.Coefficients[j++]));
            }

            if (value != 0)
            {
                columns.Add(col);
                values.Add(value);
            }
        }

        var gcd = values.Aggregate(0L, (g, v) => Gcd(g, Math.Abs(v)));
        if (gcd > 1)
        {
            for (var k = 0; k < values.Count; k++)
            {
                values[k] /= gcd;
            }
        }

        return new SparseRow([.. columns], [.. values], Merge(Combination, pivot.Combination));
    }

    /// <summary>The union of two sorted sets of equation ids.</summary>
    private static int[] Merge(int[] a, int[] b)
    {
        var merged = new List<int>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.Length && a[i] == next)
            {
                i++;
            }

            if (j < b.Length && b[j] == next)
            {
                j++;
            }

            merged.Add(next);
        }

        return [.. merged];
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
