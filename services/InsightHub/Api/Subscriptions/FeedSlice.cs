namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// The part of a feed a subscription last heard of, per snapshot: a notice goes out only when the subscription's
/// own slice of the disclosed figures changed (never because a figure it cannot see moved).
/// </summary>
public sealed class FeedSlice
{
    public Guid SubscriptionId { get; set; }

    public required string SnapshotKey { get; set; }

    /// <summary>A hash of the slice (campaigns) or the slice itself (activity counts, to tell what rose).</summary>
    public required string Content { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
