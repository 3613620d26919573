using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.Disclosure;

/// <summary>
/// Statistical disclosure control: which counts may be published, and how they are rounded. Applied when a feed is
/// built, never to stored figures, so a change of policy needs no rebuild.
/// </summary>
/// <param name="Name">The policy's name as configured and as stated in every feed.</param>
/// <param name="MinimumCount">The smallest non-zero count that may be shown; smaller ones (other than zero) are suppressed.
/// A mean, percentage or distribution needs at least this many responses.</param>
/// <param name="RoundTo">Shown counts are rounded to the nearest multiple of this (1: no rounding).</param>
/// <param name="RoundNational">Whether Scotland-level counts are rounded too.</param>
public sealed record DisclosurePolicy(string Name, int MinimumCount, int RoundTo, bool RoundNational)
{
    /// <summary>NHS Business Services Authority: counts 1-4 suppressed, zeros shown, statistics need 5 responses.</summary>
    public static DisclosurePolicy NhsBsa5 { get; } = new("nhsbsa-5", 5, 1, false);

    /// <summary>NHS Digital: counts 1-7 suppressed, other counts rounded to the nearest 5 below national level.</summary>
    public static DisclosurePolicy NhsDigital75 { get; } = new("nhs-digital-7-5", 8, 5, false);

    /// <summary>ONS: counts below 10 suppressed, others rounded to the nearest 5.</summary>
    public static DisclosurePolicy Ons105 { get; } = new("ons-10-5", 10, 5, true);

    public static IReadOnlyList<DisclosurePolicy> All { get; } = [NhsBsa5, NhsDigital75, Ons105];

    public static DisclosurePolicy Named(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"Unknown disclosure policy '{name}'. Use one of: {string.Join(", ", All.Select(p => p.Name))}.");

    public static DisclosurePolicy FromConfiguration(IConfiguration configuration) => Named(configuration["Disclosure:Policy"] ?? NhsBsa5.Name);

    public bool SuppressesCount(int count) => count > 0 && count < MinimumCount;

    public DisclosedValue Count(int count, bool national)
    {
        if (SuppressesCount(count))
        {
            return DisclosedValue.Suppressed;
        }

        var round = RoundTo > 1 && (RoundNational || !national);
        return DisclosedValue.Of(round ? Math.Round(count / (double)RoundTo, MidpointRounding.AwayFromZero) * RoundTo : count);
    }

    /// <summary>A mean, share or other statistic built from <paramref name="basedOn"/> answers.</summary>
    public DisclosedValue Statistic(double? value, int basedOn) =>
        basedOn == 0 || value is null ? DisclosedValue.None
        : basedOn < MinimumCount ? DisclosedValue.Suppressed
        : DisclosedValue.Of(Math.Round(value.Value, 2));

    /// <summary>
    /// Primary and secondary suppression for sibling cells whose total is shown. A suppressed cell could be
    /// recovered by subtracting the shown cells from the total, so the next smallest non-zero cells are suppressed
    /// too, until at least two cells are hidden and together they hold at least <see cref="MinimumCount"/>.
    /// </summary>
    /// <param name="cells">The sibling counts.</param>
    /// <param name="unpublished">
    /// Cells that are never shown (a board's own staff, the part of its total that no child holds): hidden from
    /// the start when non-zero, so they count towards the hidden group, and protected like any other cell.
    /// </param>
    /// <returns>The indices of the cells to suppress, unpublished ones included.</returns>
    public IReadOnlySet<int> CellsToSuppress(IReadOnlyList<int> cells, IReadOnlySet<int>? unpublished = null)
    {
        var hidden = new HashSet<int>(Enumerable.Range(0, cells.Count).Where(i => SuppressesCount(cells[i])));
        var anyPrimary = hidden.Count > 0;
        if (unpublished is not null)
        {
            hidden.UnionWith(unpublished.Where(i => cells[i] > 0));
        }

        if (!anyPrimary)
        {
            return hidden;
        }

        var candidates = Enumerable.Range(0, cells.Count)
            .Where(i => cells[i] > 0 && !hidden.Contains(i))
            .OrderBy(i => cells[i])
            .ThenBy(i => i);
        foreach (var next in candidates)
        {
            if (hidden.Count >= 2 && hidden.Sum(i => cells[i]) >= MinimumCount)
            {
                break;
            }

            hidden.Add(next);
        }

        return hidden;
    }

    /// <summary>A percentage of <paramref name="basedOn"/> answers, suppressed like any statistic.</summary>
    public DisclosedValue Percentage(int part, int basedOn) =>
        basedOn == 0 ? DisclosedValue.None : Statistic(100.0 * part / basedOn, basedOn);
}
