namespace ChampionNetwork.AppHost.Supervision;

/// <summary>
/// Watches every resource's state from before Aspire starts them (Aspire's own start waits until they are healthy,
/// so an ordinary hosted service would start too late), until the AppHost stops.
/// </summary>
internal abstract class ResourceWatcher(ResourceNotificationService notifications, IHostApplicationLifetime lifetime) : BackgroundService
{
    public static void StartBeforeResources<T>(IDistributedApplicationBuilder builder) where T : ResourceWatcher
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(T)))
        {
            return;
        }

        builder.Services.AddSingleton<T>();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) => e.Services.GetRequiredService<T>().StartAsync(ct));
        builder.Services.AddHostedService(services => new StopOnShutdown(services.GetRequiredService<T>()));
    }

    protected abstract void OnChange(ResourceEvent change, CancellationToken stopping);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping.Token))
            {
                OnChange(change, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
