using Orleans.Concurrency;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The published raw figures behind the feeds, keyed by <see cref="FeedSnapshotKeys"/>: one per campaign, and one
/// for good practice and case study activity. A snapshot is published on a fixed schedule (every
/// <c>InsightHub:Snapshots:PublishEvery</c>, at multiples of it since the Unix epoch, UTC) and at once when a
/// campaign closes; between publications every reader gets the same frozen snapshot, whatever arrives meanwhile.
/// Area grains call <see cref="Changed"/> after each write so that the next publication gathers again.
/// </summary>
public interface IFeedSnapshotGrain : IGrainWithStringKey
{
    [OneWay]
    Task Changed();

    /// <summary>Publishes the final figures now, once: called after every area has applied the campaign's close.</summary>
    Task PublishClosed(CancellationToken cancellationToken = default);

    Task<FeedVersion> GetVersion(CancellationToken cancellationToken = default);

    Task<FeedSnapshot> GetSnapshot(CancellationToken cancellationToken = default);
}

public static class FeedSnapshotKeys
{
    public const string Activity = "activity";

    public static string Campaign(Guid campaignId) => $"campaign:{campaignId:D}";
}

/// <param name="ContentHash">A hash of the published raw figures; empty while nothing has been published.</param>
/// <param name="ComputedAt">When the snapshot was published: a schedule boundary, or the close to the second.</param>
[GenerateSerializer, Immutable]
public sealed record FeedVersion(
    [property: Id(0)] string ContentHash,
    [property: Id(1)] DateTimeOffset ComputedAt)
{
    public bool IsPublished => ContentHash.Length > 0;
}

[GenerateSerializer, Immutable]
public sealed record FeedSnapshot(
    [property: Id(0)] FeedVersion Version,
    [property: Id(1)] IReadOnlyList<CampaignInsight> Campaign,
    [property: Id(2)] IReadOnlyList<ActivityInsight> Activity);

/// <summary>
/// The published snapshot itself, so that a silo restart serves the same figures until the next boundary. It
/// holds no time of any change: only the publication's.
/// </summary>
[GenerateSerializer]
public sealed class FeedSnapshotState
{
    [Id(0)]
    public string ContentHash { get; set; } = "";

    [Id(1)]
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The published figures as JSON (<see cref="FeedSnapshotContent"/>): what <see cref="ContentHash"/> hashes.</summary>
    [Id(2)]
    public string Content { get; set; } = "";

    /// <summary>Whether the close has been published (once; later changes wait for the schedule).</summary>
    [Id(3)]
    public bool ClosedPublished { get; set; }

    /// <summary>The latest publication the subscriptions were told of (<see cref="ComputedAt"/> once they were).</summary>
    [Id(4)]
    public DateTimeOffset NotifiedAt { get; set; }

    /// <summary>Whether the subscriptions were told of the close (once).</summary>
    [Id(5)]
    public bool ClosedNotified { get; set; }
}

/// <summary>The raw figures of one publication, as stored.</summary>
public sealed record FeedSnapshotContent(IReadOnlyList<CampaignInsight> Campaign, IReadOnlyList<ActivityInsight> Activity)
{
    public static FeedSnapshotContent Empty { get; } = new([], []);
}
