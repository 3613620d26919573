namespace ChampionNetwork.Contracts.Surveys;

/// <summary>
/// An anonymous survey response, as it leaves the Surveys service. It names no champion; its time is the day
/// the response arrived (midnight UTC); free text stays in Surveys: a free-text answer carries only its themes.
/// </summary>
public sealed record InsightSubmitted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    Guid InstrumentId,
    int InstrumentVersion,
    string OrganisationCode,
    IReadOnlyList<InsightAnswer> Answers) : IOrderInsensitiveEvent;

/// <summary>
/// One answer. <see cref="Value"/> is set for scale and choice items; a free-text answer has only <see cref="Themes"/>:
/// <see cref="Text"/> is always null (kept so that no field of a published contract is ever renamed or removed).
/// </summary>
public sealed record InsightAnswer(
    string ItemId,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    int? Value,
    string? Text = null,
    IReadOnlyList<string>? Themes = null);
