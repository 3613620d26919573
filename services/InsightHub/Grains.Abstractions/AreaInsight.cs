namespace ChampionNetwork.InsightHub.Grains;

/// <summary>A read-only copy of an area's raw figures, for building feeds.</summary>
[GenerateSerializer, Immutable]
public sealed record AreaInsight(
    [property: Id(0)] string AreaCode,
    [property: Id(1)] IReadOnlyList<CampaignInsight> Campaigns);

[GenerateSerializer, Immutable]
public sealed record CampaignInsight(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] Guid InstrumentId,
    [property: Id(2)] int InstrumentVersion,
    [property: Id(3)] int Responses,
    [property: Id(4)] IReadOnlyList<ItemInsight> Items);

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
