using ChampionNetwork.AppHost.Model;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>The run-time state of one resource, and the two moments others wait for: provisioned and first healthy.</summary>
internal sealed class ResourceRecord(IResource resource)
{
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IResource Resource { get; } = resource;

    public ResourceState State { get; set; } = ResourceState.NotStarted;

    public HealthStatus Health { get; set; } = HealthStatus.Unknown;

    public string? Endpoint { get; set; }

    public int? Pid { get; set; }

    public int Restarts { get; set; }

    public string? Source { get; set; }

    public string? Detail { get; set; }

    /// <summary>Completes when the resource first reaches Running (its connection string is known).</summary>
    public Task Running => _running.Task;

    /// <summary>Completes when the resource is first healthy (WaitFor).</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>Shown in the table (an Orleans service is a description, not something that runs).</summary>
    public bool Visible => Resource is not OrleansService;

    public void MarkRunning() => _running.TrySetResult();

    public void MarkHealthy() => _healthy.TrySetResult();

    public void Fail(Exception error)
    {
        _running.TrySetException(error);
        _healthy.TrySetException(error);
    }

    public ResourceSnapshot Snapshot() => new(
        Resource.Name,
        Resource switch
        {
            ProjectResource => "Project",
            PostgresDatabaseResource => "Database",
            ServerResource => "Server",
            _ => Resource.GetType().Name,
        },
        State,
        Health,
        Endpoint,
        Pid,
        Restarts,
        Source,
        Detail);
}
