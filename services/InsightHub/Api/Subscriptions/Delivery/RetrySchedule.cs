namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// The Standard Webhooks retry schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h
/// after the attempt before (about 3 days 3 hours in all). Only timeouts, transport failures, 429 and 5xx are retried.
/// </summary>
public static class RetrySchedule
{
    public static IReadOnlyList<TimeSpan> Delays { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
        TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>The most a Retry-After may push the next attempt back.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// When to try again after <paramref name="attemptsMade"/> attempts, or null when the schedule is spent. A
    /// Retry-After later than the schedule's delay is honoured (never earlier than the schedule).
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attemptsMade, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        if (attemptsMade >= Delays.Count)
        {
            return null;
        }

        var delay = Delays[attemptsMade];
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        }

        return now + delay;
    }
}
