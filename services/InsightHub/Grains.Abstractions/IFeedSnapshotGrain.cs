using Orleans.Concurrency;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The raw figures behind the feeds, gathered from every area grain and kept until something changes. Keyed by
/// <see cref="FeedSnapshotKeys"/>: one per campaign, and one for good practice and case study activity.
/// Area grains call <see cref="Invalidate"/> after each write; the next read rebuilds. <see cref="FeedVersion.ComputedAt"/>
/// moves only when the content hash does, and survives a silo's failure.
/// </summary>
public interface IFeedSnapshotGrain : IGrainWithStringKey
{
    [OneWay]
    Task Invalidate();

    Task<FeedVersion> GetVersion(CancellationToken cancellationToken = default);

    Task<FeedSnapshot> GetSnapshot(CancellationToken cancellationToken = default);
}

public static class FeedSnapshotKeys
{
    public const string Activity = "activity";

    public static string Campaign(Guid campaignId) => $"campaign:{campaignId:D}";
}

[GenerateSerializer, Immutable]
public sealed record FeedVersion(
    [property: Id(0)] string ContentHash,
    [property: Id(1)] DateTimeOffset ComputedAt);

[GenerateSerializer, Immutable]
public sealed record FeedSnapshot(
    [property: Id(0)] FeedVersion Version,
    [property: Id(1)] IReadOnlyList<CampaignInsight> Campaign,
    [property: Id(2)] IReadOnlyList<ActivityInsight> Activity);

/// <summary>The small persistent part of a snapshot grain: what it last published and when.</summary>
[GenerateSerializer]
public sealed class FeedSnapshotState
{
    [Id(0)]
    public string ContentHash { get; set; } = "";

    [Id(1)]
    public DateTimeOffset ComputedAt { get; set; }
}
