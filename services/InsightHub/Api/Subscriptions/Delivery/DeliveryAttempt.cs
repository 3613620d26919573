namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>One attempt in a subscription's delivery log: when, the status, how long, and the first kilobyte of the response.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid SubscriptionId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary>The HTTP status (or the SMTP reply code); null when there was no response.</summary>
    public int? StatusCode { get; set; }

    public required string Outcome { get; set; }

    public int DurationMs { get; set; }

    /// <summary>At most <see cref="ResponseExcerptBytes"/> of the response body, or what went wrong.</summary>
    public string? Response { get; set; }

    public bool Manual { get; set; }

    public const int ResponseExcerptBytes = 1024;
}
