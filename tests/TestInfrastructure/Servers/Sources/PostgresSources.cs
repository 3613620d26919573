using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class PostgresSources
{
    public static Task<PostgresServer> AcquireAsync(CancellationToken ct) =>
        ServerAcquisition.AcquireAsync(
            "PostgreSQL",
            TestServerEnvironment.Postgres,
            FromEnvironmentAsync,
            new ServerOption<PostgresServer>("no Docker engine answered", () => DockerProbe.EngineAvailable, FromContainerAsync),
            new ServerOption<PostgresServer>(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres)",
                () => PostgresRecipe.IsInstalled,
                FromLocalProcessAsync),
            ct);

    private static async Task<PostgresServer> FromEnvironmentAsync(string value, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(value);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        await Readiness.EnsureHealthyAsync(PostgresRecipe.Readiness(builder.ConnectionString), ct);
        return new PostgresServer(builder.ConnectionString, ServerSource.Environment);
    }

    private static async Task<PostgresServer> FromContainerAsync(CancellationToken ct)
    {
        var container = await ContainerLifetime.StartAsync(new PostgreSqlBuilder(ContainerImages.Postgres).Build(), ct);
        return new PostgresServer(container.GetConnectionString(), ServerSource.Container);
    }

    private static async Task<PostgresServer> FromLocalProcessAsync(CancellationToken ct)
    {
        var local = await LocalPostgres.StartAsync(ct);
        return new PostgresServer(local.ConnectionString, ServerSource.LocalProcess);
    }
}
