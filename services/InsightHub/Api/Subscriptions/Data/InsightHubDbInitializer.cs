using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.InsightHub.Subscriptions.Data;

/// <summary>Applies the migrations in Subscriptions/Data/Migrations at start-up, before the delivery worker and the silo start.</summary>
internal sealed class InsightHubDbInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Migrations take a database lock, so several instances starting at once apply them once.
        await scope.ServiceProvider.GetRequiredService<InsightHubDb>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
