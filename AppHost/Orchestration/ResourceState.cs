namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>The life-cycle states Aspire's dashboard shows.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    FailedToStart,
    Exited,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>One resource as the console table and the state file show it.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    ResourceState State,
    HealthStatus Health,
    string? Endpoint,
    int? Pid,
    int Restarts,
    string? Source,
    string? Detail);
