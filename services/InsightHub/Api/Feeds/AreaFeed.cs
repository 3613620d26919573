using ChampionNetwork.InsightHub.Disclosure;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>The JSON feed for one area: its own figures per campaign and, beside them, its children's.</summary>
public sealed record AreaFeed(
    AreaSummary Area,
    string DisclosurePolicy,
    DateTimeOffset ComputedAt,
    IReadOnlyList<CampaignFigures> Campaigns);

public sealed record AreaSummary(string Code, string Name, string Type);

public sealed record CampaignFigures(
    Guid CampaignId,
    Guid InstrumentId,
    int InstrumentVersion,
    DisclosedValue Responses,
    IReadOnlyList<ItemFigures> Items,
    IReadOnlyList<ChildFigures> Children);

public sealed record ItemFigures(string ItemId, string Pillar, IReadOnlyList<string> OutcomeCodes, DisclosedValue Mean);

public sealed record ChildFigures(AreaSummary Area, DisclosedValue Responses, IReadOnlyList<ItemFigures> Items);
