namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>How big a chaos run is, and how long each wait may take.</summary>
public sealed record ChaosOptions
{
    public int Submissions { get; init; } = 2_000;

    public int Clients { get; init; } = 8;

    public IReadOnlyList<Fault> Faults { get; init; } = Fault.All;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a client keeps retrying one submission.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the feed may stay unchanged before it is taken as final.</summary>
    public TimeSpan FeedSettleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>AppHost settings on top of the run's own (the demo seeder off): log levels, for one.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
