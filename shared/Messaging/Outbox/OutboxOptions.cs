namespace ChampionNetwork.Messaging.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    public int BatchSize { get; set; } = 200;

    /// <summary>How many order-insensitive events may await their broker confirms at once.</summary>
    public int MaxConcurrentPublishes { get; set; } = 64;

    /// <summary>How often the relay looks for rows when nothing woke it (another instance may have written them).</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>First wait after a failed publish; doubles up to <see cref="MaxBackoffMs"/>.</summary>
    public int MinBackoffMs { get; set; } = 200;

    public int MaxBackoffMs { get; set; } = 10_000;

    /// <summary>A publish that has had no broker confirm within this time counts as failed.</summary>
    public int PublishTimeoutMs { get; set; } = 10_000;
}
