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
