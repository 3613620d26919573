using ChampionNetwork.InsightHub.Subscriptions.Delivery;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>A subscription as created or replaced. Empty filters mean everything.</summary>
/// <param name="Channel"><c>webhook</c> or <c>email</c>.</param>
/// <param name="Cadence"><c>immediate</c>, <c>daily</c> or <c>weekly</c>.</param>
/// <param name="Areas">GSS or national body codes; each covers itself and every area that rolls up into it.</param>
/// <param name="Measures">Any of <see cref="Subscriptions.Measures.All"/>.</param>
/// <param name="EventKinds">Any of <see cref="Subscriptions.EventKinds.All"/>.</param>
public sealed record SubscriptionRequest(
    string? Name,
    string? Channel,
    string? WebhookUrl,
    string? Email,
    string? ContactEmail,
    string? Cadence,
    IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? Pillars,
    IReadOnlyList<string>? Outcomes,
    IReadOnlyList<string>? Measures,
    IReadOnlyList<string>? EventKinds);

public sealed record SubscriptionDetails(
    Guid Id,
    string? Name,
    string Owner,
    string Channel,
    string? WebhookUrl,
    string? Email,
    string? ContactEmail,
    string Cadence,
    IReadOnlyList<string> Areas,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> EventKinds,
    string Status,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? NextDigestAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt)
{
    public static SubscriptionDetails Of(Subscription s) => new(
        s.Id, s.Name, s.OwnerSubject, Lower(s.Channel), s.WebhookUrl, s.Email, s.ContactEmail, Lower(s.Cadence),
        s.Areas, s.Pillars, s.Outcomes, s.Measures, s.EventKinds, Lower(s.Status), s.DisabledReason, s.DisabledAt, s.NextDigestAt,
        s.PreviousSecretExpiresAt, s.CreatedAt);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>Returned once, when a webhook subscription is created or its secret rotated: the secret is not shown again.</summary>
public sealed record SubscriptionCreated(SubscriptionDetails Subscription, string? Secret);

/// <param name="OverlapMinutes">How long the previous secret keeps signing beside the new one (default 1,440: a day; at most 10,080).</param>
public sealed record SecretRotation(int? OverlapMinutes);

public sealed record RotatedSecret(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record DeliveryLogEntry(
    Guid DeliveryId,
    string MessageId,
    string Kind,
    string Channel,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt,
    string? LastOutcome,
    IReadOnlyList<AttemptLogEntry> AttemptLog);

public sealed record AttemptLogEntry(DateTimeOffset AttemptedAt, int? StatusCode, string Outcome, int DurationMs, string? Response, bool Manual)
{
    public static AttemptLogEntry Of(DeliveryAttempt a) => new(a.AttemptedAt, a.StatusCode, a.Outcome, a.DurationMs, a.Response, a.Manual);
}

public sealed record DeliveryAccepted(Guid DeliveryId, string MessageId);
