using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The keys of the area grains and who sends batches to whom. An organisation's facts enter at its entry grain: the
/// organisation's own grain for an HSCP, council or national body; <c>{code}/direct</c> for a board (or Scotland)
/// counting its own staff, so that the board's grain keeps no ids. Each grain sends its deltas to its parent:
/// entry grains of a board's area → the board → Scotland; national bodies → Scotland.
/// </summary>
public static class InsightTree
{
    private const string DirectSuffix = "/direct";

    /// <summary>The grain an organisation's responses and activity are deduplicated and counted in first.</summary>
    public static string EntryKeyOf(AreaRegistry areas, Area organisation) =>
        areas.ChildrenOf(organisation.Code).Count == 0 ? organisation.Code.Value : organisation.Code.Value + DirectSuffix;

    /// <summary>Whether a grain takes responses and activity itself (and so keeps their ids).</summary>
    public static bool IsEntry(AreaRegistry areas, string key) =>
        key.EndsWith(DirectSuffix, StringComparison.Ordinal) || !areas.TryResolve(key, out var area) || areas.ChildrenOf(area.Code).Count == 0;

    /// <summary>The grain a grain sends its batches to; null for Scotland (and for a key that is no area).</summary>
    public static string? ParentOf(AreaRegistry areas, string key)
    {
        if (key.EndsWith(DirectSuffix, StringComparison.Ordinal))
        {
            return key[..^DirectSuffix.Length];
        }

        if (!areas.TryResolve(key, out var area))
        {
            // Not an area (nothing sends to it): it rolls up nowhere.
            return null;
        }

        var rollUp = areas.RollUpOf(area.Code);
        return rollUp.Count > 1 ? rollUp[1].Value : null;
    }

    /// <summary>Every entry grain: the leaf areas and the direct grains of the areas with children.</summary>
    public static IReadOnlyList<string> EntryKeys(AreaRegistry areas) =>
        [.. areas.All.Select(a => EntryKeyOf(areas, a))];

    /// <summary>Every grain that holds figures: every area and every direct grain.</summary>
    public static IReadOnlyList<string> AllKeys(AreaRegistry areas) =>
        [.. areas.All.Select(a => a.Code.Value).Concat(EntryKeys(areas)).Distinct(StringComparer.Ordinal)];

    /// <summary>The grains with children, children first (boards, then Scotland).</summary>
    public static IReadOnlyList<string> ParentKeysBottomUp(AreaRegistry areas) =>
        [.. areas.All.Where(a => areas.ChildrenOf(a.Code).Count > 0).OrderBy(a => a.Code == AreaCode.Scotland).Select(a => a.Code.Value)];
}
