namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>A feed publication the subscriptions have been told of: the grain tells them again after a crash, and this row makes that a no-op.</summary>
public sealed class FeedPublication
{
    public required string SnapshotKey { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public bool Closed { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
