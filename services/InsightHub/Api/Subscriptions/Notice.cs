namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// One thing a subscription is told: a slice of one feed publication (disclosed figures only, with the feed's
/// provenance), as JSON. An immediate subscription's notice goes out in a delivery of its own at once; a digest
/// subscription's wait for the digest (<see cref="DeliveryId"/> null until then).
/// </summary>
public sealed class Notice
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>One of <see cref="EventKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The feed publication it comes from (snapshot key and publication time).</summary>
    public required string SnapshotKey { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The notice as delivered (<see cref="NoticePayload"/> as JSON).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? DeliveryId { get; set; }
}
