using Aspire.Hosting.Testing;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>The servers' connection strings, as the AppHost hands them to the services.</summary>
internal static class PlatformConnections
{
    /// <summary>The PostgreSQL server (database postgres, superuser).</summary>
    public static async Task<string> PostgresAsync(this PlatformHost platform, CancellationToken cancellationToken) =>
        await platform.App.GetConnectionStringAsync("postgres", cancellationToken) ?? throw new InvalidOperationException("postgres has no connection string.");

    /// <summary>The Redis server InsightHub's grains are stored in.</summary>
    public static async Task<string> RedisAsync(this PlatformHost platform, CancellationToken cancellationToken) =>
        await platform.App.GetConnectionStringAsync("redis", cancellationToken) ?? throw new InvalidOperationException("redis has no connection string.");

    /// <summary>RabbitMQ's AMQP URI (default virtual host).</summary>
    public static async Task<Uri> EventBusAsync(this PlatformHost platform, CancellationToken cancellationToken) =>
        new(await platform.App.GetConnectionStringAsync("eventbus", cancellationToken) ?? throw new InvalidOperationException("eventbus has no connection string."));
}
