namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// A policy analyst's subscription to what the feeds publish: which areas (each with every area that rolls up into
/// it), pillars, outcomes, measures and event kinds; how often (immediately, or a daily or weekly digest); and where
/// (a webhook endpoint signed per the Standard Webhooks spec, or an e-mail address).
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; set; }

    /// <summary>The owning analyst's subject claim: only they (and admins) see or change it.</summary>
    public required string OwnerSubject { get; set; }

    public string? Name { get; set; }

    public SubscriptionChannel Channel { get; set; }

    public string? WebhookUrl { get; set; }

    public string? Email { get; set; }

    /// <summary>Where the owner is told that the endpoint was disabled (the e-mail address itself for the e-mail channel).</summary>
    public string? ContactEmail { get; set; }

    public SubscriptionCadence Cadence { get; set; }

    public List<string> Areas { get; set; } = [];

    public List<string> Pillars { get; set; } = [];

    public List<string> Outcomes { get; set; } = [];

    public List<string> Measures { get; set; } = [];

    public List<string> EventKinds { get; set; } = [];

    /// <summary>The current webhook signing secret (<c>whsec_…</c>); shown once, when created or rotated.</summary>
    public string? Secret { get; set; }

    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public SubscriptionStatus Status { get; set; }

    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The first failed attempt since the last success; five days of failures disable the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>When the next daily or weekly digest is due.</summary>
    public DateTimeOffset? NextDigestAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsActive => Status == SubscriptionStatus.Active;
}

public enum SubscriptionChannel
{
    Webhook,
    Email,
}

public enum SubscriptionCadence
{
    Immediate,
    Daily,
    Weekly,
}

public enum SubscriptionStatus
{
    Active,
    Disabled,
    Unsubscribed,
}
