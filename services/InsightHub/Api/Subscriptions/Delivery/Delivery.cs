namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// One message to one subscription's channel, kept until it is delivered or given up: claimed by one InsightHub
/// instance at a time (<c>FOR UPDATE SKIP LOCKED</c>), tried on the Standard Webhooks schedule. The body and its
/// <see cref="MessageId"/> (<c>webhook-id</c>) never change, so a retry or a manual redelivery is the same message.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary><c>msg_…</c>: the webhook-id receivers deduplicate on.</summary>
    public required string MessageId { get; set; }

    public DeliveryKind Kind { get; set; }

    /// <summary>Where it goes: the subscription's channel, or e-mail for an owner notice.</summary>
    public SubscriptionChannel Channel { get; set; }

    /// <summary>The webhook body (JSON), also what an e-mail is rendered from.</summary>
    public required string Payload { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made on the schedule (a manual redelivery does not count).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The next attempt is a manual redelivery: one try, off the schedule.</summary>
    public bool Manual { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? LastOutcome { get; set; }
}

public enum DeliveryKind
{
    /// <summary>One notice, sent as it happened (cadence immediate).</summary>
    Notice,

    /// <summary>Every notice since the last digest (daily, weekly; and every e-mail).</summary>
    Digest,

    /// <summary>A test-ping the owner asked for.</summary>
    Ping,

    /// <summary>To the owner's contact address: the endpoint was disabled.</summary>
    OwnerNotice,
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
    Cancelled,
}
