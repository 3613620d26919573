namespace ChampionNetwork.Messaging.Bus;

/// <summary>Configuration section "Messaging". Prefetch and concurrency are chosen on purpose, not left at defaults.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How many unacknowledged messages RabbitMQ hands each receive endpoint.</summary>
    public int PrefetchCount { get; set; } = 16;

    /// <summary>How many messages each endpoint consumes at once; defaults to the prefetch count.</summary>
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>
    /// 0 (the default): classic durable queues, as on one broker. N &gt; 0: every receive endpoint is declared as a
    /// quorum queue replicated to N nodes (<c>Messaging__QuorumQueues=3</c> on a 3-node cluster), so a message the
    /// broker has confirmed survives the loss of a minority of the nodes. RabbitMQ cannot change an existing queue's
    /// type: switching a running broker means deleting the classic queues first (their messages drained).
    /// </summary>
    public int QuorumQueues { get; set; }

    /// <summary>
    /// The nodes of a RabbitMQ cluster ("host:port"), tried in turn when a connection is lost
    /// (<c>Messaging__ClusterNodes__0=10.0.0.1:5672</c>, ...). Empty: only the connection string's host. In Kubernetes
    /// the RabbitmqCluster's Service already fails over, so this is for clusters without a load balancer in front.
    /// </summary>
    public string[]? ClusterNodes { get; set; }

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
