namespace ChampionNetwork.InsightHub.Grains;

/// <summary>One anonymous response as an area grain sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record InsightContribution(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] Guid CampaignId,
    [property: Id(2)] Guid InstrumentId,
    [property: Id(3)] int InstrumentVersion,
    [property: Id(4)] IReadOnlyList<ScoredAnswer> Answers);

/// <summary>An answer with a value (free-text answers carry no value and are not scored).</summary>
[GenerateSerializer, Immutable]
public sealed record ScoredAnswer(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Pillar,
    [property: Id(2)] IReadOnlyList<string> OutcomeCodes,
    [property: Id(3)] int Value);

/// <summary>What an area learns from <c>CampaignOpened</c> or <c>CampaignClosed</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignFacts(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] CampaignStatus Status,
    [property: Id(2)] string? Title,
    [property: Id(3)] Guid? InstrumentId,
    [property: Id(4)] int? InstrumentVersion,
    [property: Id(5)] int? EligibleHeadcount,
    [property: Id(6)] IReadOnlyDictionary<string, string> ItemKinds,
    [property: Id(7)] DateTimeOffset? OpensAt = null,
    [property: Id(8)] DateTimeOffset? ClosesAt = null);

public enum ActivityKind
{
    PracticeShared,
    PracticeAdopted,
    CaseStudyPublished,
    CaseStudyWithdrawn,
}

/// <summary>
/// One good-practice or case-study fact. <see cref="SubjectId"/> is what is counted: the practice id for shared,
/// the adoption's event id for adopted, the case study id for published and withdrawn.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ActivityContribution(
    [property: Id(0)] ActivityKind Kind,
    [property: Id(1)] Guid SubjectId,
    [property: Id(2)] DateTimeOffset OccurredAt);
