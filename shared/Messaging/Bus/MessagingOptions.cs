namespace ChampionNetwork.Messaging.Bus;

/// <summary>Configuration section "Messaging". Prefetch and concurrency are chosen on purpose, not left at defaults.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How many unacknowledged messages RabbitMQ hands each receive endpoint.</summary>
    public int PrefetchCount { get; set; } = 16;

    /// <summary>How many messages each endpoint consumes at once; defaults to the prefetch count.</summary>
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>In-memory retries before a message goes to its <c>_error</c> queue. There is no delayed redelivery.</summary>
    /// <remarks>
    /// Null until configured: the configuration binder appends to an array that already has elements, so a default
    /// here would run before every configured interval. <see cref="RetryIntervals"/> supplies the default.
    /// </remarks>
    public int[]? RetryIntervalsMs { get; set; }

    public static IReadOnlyList<int> DefaultRetryIntervalsMs { get; } = [50, 200, 1000];

    /// <summary>The configured intervals, or the default when none are configured.</summary>
    public IReadOnlyList<int> RetryIntervals => RetryIntervalsMs is { Length: > 0 } configured ? configured : DefaultRetryIntervalsMs;
}
