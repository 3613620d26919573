namespace ChampionNetwork.InsightHub.Grains;

/// <summary>A read-only copy of an area's raw figures for one campaign, for building feeds.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignInsight(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] Guid CampaignId,
    [property: Id(2)] Guid InstrumentId,
    [property: Id(3)] int InstrumentVersion,
    [property: Id(4)] int Responses,
    [property: Id(5)] IReadOnlyList<ItemInsight> Items,
    [property: Id(6)] int? EligibleHeadcount,
    [property: Id(7)] CampaignStatus Status,
    [property: Id(8)] string? Title,
    [property: Id(9)] IReadOnlyDictionary<string, string> ItemKinds,
    [property: Id(10)] DateTimeOffset ChangedAt,
    [property: Id(11)] DateTimeOffset? OpensAt = null,
    [property: Id(12)] DateTimeOffset? ClosesAt = null);

[GenerateSerializer, Immutable]
public sealed record ItemInsight(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Pillar,
    [property: Id(2)] IReadOnlyList<string> OutcomeCodes,
    [property: Id(3)] int Count,
    [property: Id(4)] long Sum,
    [property: Id(5)] IReadOnlyDictionary<int, int> Distribution)
{
    public double? Mean => Count == 0 ? null : (double)Sum / Count;
}

/// <summary>An area's good practice and case study counts for one quarter.</summary>
[GenerateSerializer, Immutable]
public sealed record ActivityInsight(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] string Quarter,
    [property: Id(2)] int PracticesShared,
    [property: Id(3)] int PracticesAdopted,
    [property: Id(4)] int CaseStudiesPublished,
    [property: Id(5)] int CaseStudiesWithdrawn,
    [property: Id(6)] DateTimeOffset ChangedAt);
