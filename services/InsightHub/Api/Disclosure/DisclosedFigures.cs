using ChampionNetwork.InsightHub.Grains;

namespace ChampionNetwork.InsightHub.Disclosure;

/// <summary>
/// One area's figures for one campaign, after disclosure control: what every feed publishes. No time of its own:
/// a figure is as of its campaign's published snapshot (<see cref="DisclosedCampaign.Version"/>).
/// </summary>
public sealed record AreaFigures(
    AreaSummary Area,
    DisclosedValue Responses,
    DisclosedValue ResponseRate,
    IReadOnlyList<ItemFigures> Items,
    IReadOnlyList<CutFigures> Pillars,
    IReadOnlyList<CutFigures> Outcomes);

public sealed record AreaSummary(string Code, string Name, string Type);

/// <summary>An item's figures; <see cref="Answers"/> is the disclosed count every percentage of it is a share of.</summary>
public sealed record ItemFigures(
    string ItemId,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    string? Kind,
    DisclosedValue Mean,
    DisclosedValue ShareAgreeing,
    IReadOnlyList<ShareOfAnswers> Distribution,
    DisclosedValue Answers);

/// <summary>The percentage of answers that gave <see cref="Answer"/>.</summary>
public sealed record ShareOfAnswers(int Answer, DisclosedValue Share);

/// <summary>A pillar or outcome: mean and share agreeing over its Likert items.</summary>
public sealed record CutFigures(string Code, string Pillar, DisclosedValue Mean, DisclosedValue ShareAgreeing);

/// <summary>Every area's disclosed figures for one campaign, from one snapshot.</summary>
public sealed record DisclosedCampaign(
    Guid CampaignId,
    string? Title,
    string Status,
    Guid InstrumentId,
    int InstrumentVersion,
    string DisclosurePolicy,
    FeedVersion Version,
    IReadOnlyDictionary<string, AreaFigures> Areas);
