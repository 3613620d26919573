using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Data;

/// <summary>Applies the migrations in Data/Migrations at start-up, before the outbox relay and the bus start.</summary>
internal sealed class GoodPracticeDbInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoodPracticeDb>();
        // A migration that fills or indexes a table takes as long as the table is large, not a request's timeout.
        db.Database.SetCommandTimeout(MigrationTimeout);
        // Migrations take a database lock, so several instances starting at once apply them once.
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
