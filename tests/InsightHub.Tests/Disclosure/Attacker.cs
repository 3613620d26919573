using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Tests.Disclosure;

/// <summary>
/// The test's own attacker, written apart from the product's check: it reads only the published campaign (which
/// cells are shown, which answer keys are listed) and the campaign's composition (which organisations it includes,
/// boards themselves among them), and is generous to itself: every shown percentage is taken as giving its exact
/// count, every shown count as exact although rounded, a shown mean as giving the sum of its answers, and a
/// published zero as making every cell below it zero. It then solves that linear system (dense elimination modulo
/// the prime 2^61 − 1: a combination over the rationals is one modulo p as well, so no real derivation is missed;
/// a spurious one would only make the test stricter) and names every hidden cell, holding someone's answers, that
/// the system determines.
/// </summary>
public static class Attacker
{
    private const ulong P = (1UL << 61) - 1;
    private static readonly AreaRegistry Areas = RandomCampaign.Areas;

    public static IReadOnlyList<string> Determined(DisclosedCampaign published, RandomCampaign truth, DisclosurePolicy policy)
    {
        var found = new List<string>();

        // Responses: one column.
        found.AddRange(Solve(
            [null],
            truth,
            policy,
            (area, _) => truth.Responses(area),
            (area, _) => !published.Areas[area.Value].Responses.IsSuppressed,
            (_, _) => null,
            "responses"));

        foreach (var item in RandomCampaign.Instrument.Where(i => i.Kind != "FreeText"))
        {
            var scotland = published.Areas[AreaCode.Scotland.Value].Items.Single(i => i.ItemId == item.Id);
            IReadOnlyList<int?> keys = scotland.Distribution.Count == 0 ? [null] : [.. scotland.Distribution.Select(d => (int?)d.Answer)];
            ItemFigures Of(AreaCode area) => published.Areas[area.Value].Items.Single(i => i.ItemId == item.Id);
            bool TotalShown(AreaCode area) => !Of(area).Answers.IsSuppressed || !Of(area).Mean.IsSuppressed || Of(area).Distribution.Any(d => !d.Share.IsSuppressed);
            bool KeyShown(AreaCode area, int key) => !Of(area).Distribution.Single(d => d.Answer == key).Share.IsSuppressed;

            found.AddRange(Solve(
                keys,
                truth,
                policy,
                (area, key) => truth.Answers(area, item.Id, key),
                (area, key) => key is { } k ? KeyShown(area, k) : TotalShown(area),
                (area, weights) =>
                {
                    // A shown mean gives Σ key × count over the keys; a shown share agreeing gives count(4) + count(5).
                    var extra = new List<Dictionary<int, long>>();
                    if (keys[0] is not null && !Of(area).Mean.IsSuppressed && Of(area).Mean.Value is not null)
                    {
                        extra.Add(keys.ToDictionary(k => k!.Value, k => (long)k!.Value));
                    }

                    if (item.Kind == "Likert" && Of(area).ShareAgreeing.Value is not null)
                    {
                        extra.Add(new Dictionary<int, long> { [4] = 1, [5] = 1 });
                    }

                    return extra;
                },
                item.Id));
        }

        return found;
    }

    /// <param name="columns">Answer keys, or a single null for a plain count.</param>
    /// <param name="value">The true count of an area in a column (null: its total).</param>
    /// <param name="shown">Whether that cell is published.</param>
    /// <param name="extra">Further published sums over an area's key columns (weights by key).</param>
    private static IEnumerable<string> Solve(
        IReadOnlyList<int?> columns,
        RandomCampaign truth,
        DisclosurePolicy policy,
        Func<AreaCode, int?, long> value,
        Func<AreaCode, int?, bool> shown,
        Func<AreaCode, int?, List<Dictionary<int, long>>?> extra,
        string table)
    {
        // Leaves: each childless area, and each parent's own staff when the campaign includes the parent itself.
        var leafIds = new Dictionary<(string Node, int? Column), int>();
        var under = new Dictionary<AreaCode, List<string>>();
        List<string> Nodes(Area area)
        {
            var children = Areas.ChildrenOf(area.Code);
            var nodes = children.Count == 0 ? [area.Code.Value] : children.SelectMany(Nodes).ToList();
            if (children.Count > 0 && truth.IncludesItself(area.Code))
            {
                nodes.Add("own:" + area.Code.Value);
            }

            under[area.Code] = nodes;
            return nodes;
        }

        Nodes(Areas.Get(AreaCode.Scotland));
        foreach (var node in under[AreaCode.Scotland])
        {
            foreach (var column in columns)
            {
                leafIds[(node, column)] = leafIds.Count;
            }
        }

        long OwnValue(AreaCode area, int? column) =>
            value(area, column) - Areas.ChildrenOf(area).Sum(c => value(c.Code, column));

        // Cells: (leaves, true value, shown) per area and column, and the total when there are keys.
        var cells = new List<(string Name, int[] Leaves, long Value, bool Shown, bool Sensitive)>();
        var equations = new List<Dictionary<int, long>>();
        foreach (var area in Areas.All)
        {
            foreach (var column in columns)
            {
                cells.Add(($"{table} {area.Code} {column?.ToString() ?? "total"}", [.. under[area.Code].Select(n => leafIds[(n, column)])], value(area.Code, column), shown(area.Code, column), false));
            }

            if (columns[0] is not null)
            {
                cells.Add(($"{table} {area.Code} total", [.. under[area.Code].SelectMany(n => columns.Select(c => leafIds[(n, c)]))], value(area.Code, null), shown(area.Code, null), false));
            }

            foreach (var sum in extra(area.Code, null) ?? [])
            {
                var equation = new Dictionary<int, long>();
                foreach (var node in under[area.Code])
                {
                    foreach (var (key, weight) in sum)
                    {
                        equation[leafIds[(node, key)]] = weight;
                    }
                }

                equations.Add(equation);
            }

            if (Areas.ChildrenOf(area.Code).Count > 0 && truth.IncludesItself(area.Code))
            {
                foreach (var column in columns.Append(null).Distinct())
                {
                    var own = OwnValue(area.Code, column);
                    IEnumerable<int> leaves = column is null && columns[0] is not null ? columns.Select(c => leafIds[("own:" + area.Code.Value, c)]) : [leafIds[("own:" + area.Code.Value, column)]];
                    cells.Add(($"{table} own staff of {area.Code} {column?.ToString() ?? "total"}", [.. leaves], own, false, policy.SuppressesCount((int)own)));
                }
            }
        }

        // A published zero makes every leaf below it zero: those leaves drop out of every equation.
        var zero = new HashSet<int>(cells.Where(c => c.Shown && c.Value == 0).SelectMany(c => c.Leaves));
        equations.AddRange(cells.Where(c => c.Shown).Select(c => c.Leaves.ToDictionary(l => l, _ => 1L)));
        var unknown = Enumerable.Range(0, leafIds.Count).Where(l => !zero.Contains(l)).Select((leaf, index) => (leaf, index)).ToDictionary(x => x.leaf, x => x.index);
        Dictionary<int, long> Unknown(Dictionary<int, long> equation) =>
            equation.Where(kv => unknown.ContainsKey(kv.Key)).ToDictionary(kv => unknown[kv.Key], kv => kv.Value);

        var basis = new Basis(unknown.Count);
        foreach (var equation in equations)
        {
            basis.Add(Unknown(equation));
        }

        foreach (var cell in cells.Where(c => !c.Shown && c.Value > 0 && (c.Sensitive || !c.Name.Contains("own staff", StringComparison.Ordinal))))
        {
            if (basis.Spans(Unknown(cell.Leaves.ToDictionary(l => l, _ => 1L))))
            {
                yield return $"{cell.Name} = {cell.Value} is determined by the published figures";
            }
        }
    }

    /// <summary>Row-reduced rows modulo P, one per pivot column.</summary>
    private sealed class Basis(int width)
    {
        private readonly Dictionary<int, ulong[]> _pivots = [];

        public void Add(Dictionary<int, long> equation)
        {
            var row = Reduce(equation);
            var pivot = Array.FindIndex(row, v => v != 0);
            if (pivot < 0)
            {
                return;
            }

            var inverse = Power(row[pivot], P - 2);
            for (var i = 0; i < width; i++)
            {
                row[i] = Mul(row[i], inverse);
            }

            _pivots[pivot] = row;
        }

        public bool Spans(Dictionary<int, long> target) => Reduce(target).All(v => v == 0);

        private ulong[] Reduce(Dictionary<int, long> sparse)
        {
            var row = new ulong[width];
            foreach (var (i, v) in sparse)
            {
                row[i] = v >= 0 ? (ulong)v % P : P - ((ulong)(-v) % P);
            }

            for (var i = 0; i < width; i++)
            {
                if (row[i] != 0 && _pivots.TryGetValue(i, out var pivot))
                {
                    var factor = row[i];
                    for (var j = i; j < width; j++)
                    {
                        if (pivot[j] != 0)
                        {
                            row[j] = (row[j] + P - Mul(factor, pivot[j])) % P;
                        }
                    }
                }
            }

            return row;
        }

        private static ulong Mul(ulong a, ulong b) => (ulong)((UInt128)a * b % P);

        private static ulong Power(ulong b, ulong e)
        {
            ulong result = 1;
            while (e > 0)
            {
                if ((e & 1) == 1)
                {
                    result = Mul(result, b);
                }

                b = Mul(b, b);
                e >>= 1;
            }

            return result;
        }
    }
}
