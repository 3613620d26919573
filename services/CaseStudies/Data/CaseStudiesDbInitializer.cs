using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Data;

/// <summary>Applies the migrations in Data/Migrations at start-up, before the outbox relay, the bus and the scheduler start.</summary>
internal sealed class CaseStudiesDbInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Migrations take a database lock, so several instances starting at once apply them once.
        await scope.ServiceProvider.GetRequiredService<CaseStudiesDb>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
