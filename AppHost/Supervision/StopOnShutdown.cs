namespace ChampionNetwork.AppHost.Supervision;

/// <summary>Stops a background service that was started early (at BeforeStartEvent) when the AppHost stops.</summary>
internal sealed class StopOnShutdown(BackgroundService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
}
