namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>A provisioned server: how to reach it, and how to stop what the AppHost started for it.</summary>
internal interface IServerInstance
{
    ProvisioningSource Source { get; }

    string ConnectionString { get; }

    /// <summary>What the console shows: host and port.</summary>
    string Endpoint { get; }

    /// <summary>The main process the AppHost started, if any.</summary>
    int? Pid { get; }

    /// <summary>Session ids of every process the AppHost started for this server (killed at the end, whatever happens).</summary>
    IReadOnlyCollection<int> Sessions { get; }

    /// <summary>Completes if the server process ends (never for a configured server).</summary>
    Task Exited { get; }

    /// <summary>A graceful stop within a few seconds, then kill; leaves no process behind.</summary>
    Task StopAsync();
}

/// <summary>What a local server needs: its folder and where its log lines go.</summary>
internal sealed record ServerContext(string Name, string Directory, Action<string> OnLine);

/// <summary>A server given in configuration: nothing to start or stop.</summary>
internal sealed class ConfiguredServer(string connectionString) : IServerInstance
{
    public ProvisioningSource Source => ProvisioningSource.Configured;

    public string ConnectionString { get; } = connectionString;

    public string Endpoint => "(configured)";

    public int? Pid => null;

    public IReadOnlyCollection<int> Sessions => [];

    public Task Exited { get; } = new TaskCompletionSource().Task;

    public Task StopAsync() => Task.CompletedTask;
}
