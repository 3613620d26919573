using System.Globalization;

namespace ChampionNetwork.Portal.Features.Insight;

/// <summary>What the portal reads of InsightHub's JSON area feed: disclosed figures only.</summary>
public sealed record AreaFeed(AreaSummary Area, string DisclosurePolicy, DateTimeOffset? ComputedAt, IReadOnlyList<CampaignFigures> Campaigns, IReadOnlyList<ActivityFigures> Activity);

public sealed record AreaSummary(string Code, string Name, string Type);

public sealed record CampaignFigures(
    Guid CampaignId, string? Title, string Status, string Period, Guid InstrumentId, int InstrumentVersion, DateTimeOffset ComputedAt,
    DisclosedValue Responses, DisclosedValue ResponseRate, IReadOnlyList<ItemFigures> Items, IReadOnlyList<CutFigures> Pillars,
    IReadOnlyList<CutFigures> Outcomes, IReadOnlyList<AreaFigures> Children);

public sealed record AreaFigures(AreaSummary Area, DisclosedValue Responses, DisclosedValue ResponseRate, IReadOnlyList<ItemFigures> Items, IReadOnlyList<CutFigures> Pillars, IReadOnlyList<CutFigures> Outcomes);

public sealed record ItemFigures(string ItemId, string Pillar, IReadOnlyList<string> OutcomeCodes, string? Kind, DisclosedValue Mean, DisclosedValue ShareAgreeing, IReadOnlyList<ShareOfAnswers> Distribution, DisclosedValue Answers);

public sealed record ShareOfAnswers(int Answer, DisclosedValue Share);

public sealed record CutFigures(string Code, string Pillar, DisclosedValue Mean, DisclosedValue ShareAgreeing);

public sealed record ActivityFigures(string Period, int GoodPracticeShared, int GoodPracticeAdopted, int CaseStudiesPublished, int CaseStudiesWithdrawn);

/// <summary>A published figure: a value, or none with the qualifier UK official statistics use.</summary>
public sealed record DisclosedValue(double? Value, string? Qualifier)
{
    public string Format(string format = "0.#", string unit = "") =>
        Value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : string.Empty;

    public static string Meaning(string? qualifier) => qualifier switch
    {
        "c" => "confidential: too few answers to publish",
        "z" => "not applicable",
        "x" => "not available",
        "p" => "provisional: the campaign is still open",
        "r" => "revised",
        _ => string.Empty,
    };
}
