using HealthChecks.NpgSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChampionNetwork.LocalServers;

/// <summary>A PostgreSQL cluster (initdb once, trust auth, superuser postgres), as the postgres user when root (postgres.sh run).</summary>
public static class PostgresRecipe
{
    public const string Superuser = "postgres";

    /// <summary>The cluster lives in <paramref name="dataDirectory"/>/data; every folder above must be searchable by others when root.</summary>
    public static ServerCommand Run(string dataDirectory, int port) =>
        ServerCommand.Script("postgres.sh", "run", dataDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string ConnectionString(int port, string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>SELECT 1 on the given database: also fails until that database exists.</summary>
    public static IHealthCheck Readiness(string connectionString) =>
        new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString));

    /// <summary>CREATE DATABASE unless it exists.</summary>
    public static async Task CreateDatabaseAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database)}";
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    public static bool IsInstalled => Binaries.PostgresBin is not null;
}
