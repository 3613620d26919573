using ChampionNetwork.TestInfrastructure.Servers.Admin;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>The PostgreSQL shared by every test in this process; isolate test classes by database.</summary>
public sealed class PostgresServer
{
    internal PostgresServer(string connectionString, ServerSource source)
    {
        ConnectionString = connectionString;
        Source = source;
    }

    /// <summary>Connection string to the maintenance database (as configured, or "postgres").</summary>
    public string ConnectionString { get; }

    public ServerSource Source { get; }

    /// <summary>Creates a new empty database (name: [a-z_][a-z0-9_]*, see <see cref="TestNames.Unique"/>) and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresDatabases.CreateAsync(ConnectionString, name, ct);
}
