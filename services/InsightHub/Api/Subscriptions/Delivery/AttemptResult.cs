namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>What one attempt came to, and so what happens next.</summary>
public sealed record AttemptResult(AttemptVerdict Verdict, int? StatusCode, string Outcome, TimeSpan Duration, string? Response, TimeSpan? RetryAfter = null);

public enum AttemptVerdict
{
    Delivered,

    /// <summary>A timeout, a transport failure, 429 or 5xx: tried again on the schedule.</summary>
    Retry,

    /// <summary>Any other 4xx, a redirect (never followed), a refused target: not retried.</summary>
    Failed,

    /// <summary>410 Gone: the endpoint is disabled.</summary>
    Gone,
}
