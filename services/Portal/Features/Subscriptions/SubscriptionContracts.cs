namespace ChampionNetwork.Portal.Features.Subscriptions;

/// <summary>What the portal reads of and sends to InsightHub's subscriptions API.</summary>
public sealed record SubscriptionRequest(
    string? Name, string? Channel, string? WebhookUrl, string? Email, string? ContactEmail, string? Cadence,
    IReadOnlyList<string> Areas, IReadOnlyList<string> Pillars, IReadOnlyList<string> Outcomes, IReadOnlyList<string> Measures, IReadOnlyList<string> EventKinds);

public sealed record SubscriptionDetails(
    Guid Id, string? Name, string Owner, string Channel, string? WebhookUrl, string? Email, string? ContactEmail, string Cadence,
    IReadOnlyList<string> Areas, IReadOnlyList<string> Pillars, IReadOnlyList<string> Outcomes, IReadOnlyList<string> Measures,
    IReadOnlyList<string> EventKinds, string Status, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset? NextDigestAt,
    DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt);

public sealed record SubscriptionCreated(SubscriptionDetails Subscription, string? Secret);

public sealed record RotatedSecret(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record SecretRotation(int? OverlapMinutes);

public sealed record AttemptLogEntry(DateTimeOffset AttemptedAt, int? StatusCode, string Outcome, int DurationMs, string? Response, bool Manual);

public sealed record DeliveryLogEntry(
    Guid DeliveryId, string MessageId, string Kind, string Channel, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, string? LastOutcome, IReadOnlyList<AttemptLogEntry> AttemptLog);

/// <summary>The event kinds and measures a subscription can filter on, with what a person reads for each.</summary>
public static class SubscriptionChoices
{
    public static IReadOnlyList<(string Value, string Label)> EventKinds { get; } =
    [
        ("insight-figures-changed", "Insight figures changed"),
        ("campaign-closed", "A campaign closed"),
        ("good-practice-shared", "Good practice shared"),
        ("good-practice-adopted", "Good practice adopted"),
        ("case-study-published", "A case study published with a major change"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Cadences { get; } =
    [
        ("immediate", "As it happens"),
        ("daily", "A daily digest"),
        ("weekly", "A weekly digest"),
    ];
}
