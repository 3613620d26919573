namespace ChampionNetwork.Contracts.Surveys;

/// <summary>
/// An anonymous survey response, as it leaves the Surveys service. It names no champion; its time is the day
/// the response was stored (midnight UTC); free text is already redacted and tagged with pillars.
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
/// One answer. <see cref="Value"/> is set for scale and choice items; <see cref="Text"/> (redacted) for free text.
/// </summary>
public sealed record InsightAnswer(
    string ItemId,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    int? Value,
    string? Text = null,
    IReadOnlyList<string>? Themes = null);
