using ChampionNetwork.InsightHub.Disclosure;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>The JSON feed for one area: its own figures per campaign and, beside them, its children's.</summary>
/// <param name="ComputedAt">When the newest snapshot shown was published; null when nothing is.</param>
public sealed record AreaFeed(
    AreaSummary Area,
    string DisclosurePolicy,
    DateTimeOffset? ComputedAt,
    IReadOnlyList<CampaignFigures> Campaigns,
    IReadOnlyList<ActivityFigures> Activity);

/// <param name="Period">The campaign's window (<c>2026-11-02/2026-11-29</c>), the period its figures refer to.</param>
/// <param name="ComputedAt">When this snapshot of the campaign was published.</param>
public sealed record CampaignFigures(
    Guid CampaignId,
    string? Title,
    string Status,
    string Period,
    Guid InstrumentId,
    int InstrumentVersion,
    DateTimeOffset ComputedAt,
    DisclosedValue Responses,
    DisclosedValue ResponseRate,
    IReadOnlyList<ItemFigures> Items,
    IReadOnlyList<CutFigures> Pillars,
    IReadOnlyList<CutFigures> Outcomes,
    IReadOnlyList<AreaFigures> Children);

/// <summary>Good practice and case studies of the organisations in an area, in one quarter. Items, not people: never suppressed.</summary>
public sealed record ActivityFigures(string Period, int GoodPracticeShared, int GoodPracticeAdopted, int CaseStudiesPublished, int CaseStudiesWithdrawn);
