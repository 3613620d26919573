using ChampionNetwork.TestInfrastructure.Servers.Local;
using DotNet.Testcontainers.Containers;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class ContainerLifetime
{
    /// <summary>Starts the container and removes it at process exit (Testcontainers' Ryuk removes it if we are killed).</summary>
    public static async Task<TContainer> StartAsync<TContainer>(TContainer container, CancellationToken ct)
        where TContainer : IContainer
    {
        ExitCleanup.Register(container, () => container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30)));
        await container.StartAsync(ct);
        return container;
    }
}
