using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.Portal.Features.Shared;

/// <summary>The areas the portal's lists offer, from the registry: by type (boards first), then by name.</summary>
public static class AreaChoices
{
    /// <summary>Every organisation: boards, HSCPs, councils and national bodies; not Scotland.</summary>
    public static IReadOnlyList<Area> Organisations { get; } = Of(a => a.Type != AreaType.Country);

    public static IReadOnlyList<Area> Of(Func<Area, bool> which) =>
        [.. AreaRegistry.Default.All.Where(which).OrderBy(a => a.Type).ThenBy(a => a.Name, StringComparer.Ordinal)];
}
