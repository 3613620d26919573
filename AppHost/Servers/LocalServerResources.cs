namespace ChampionNetwork.AppHost.Servers;

/// <summary>A server binary installed on this machine, run by Aspire as an executable, reachable by a connection string.</summary>
public abstract class LocalServerResource(string name, string command, string workingDirectory, string connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public string ConnectionString { get; } = connectionString;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}

public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, string connectionString)
    : LocalServerResource(name, command, workingDirectory, connectionString);

public sealed class LocalRedisResource(string name, string command, string workingDirectory, string connectionString)
    : LocalServerResource(name, command, workingDirectory, connectionString);

public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string connectionString)
    : LocalServerResource(name, command, workingDirectory, connectionString)
{
    public List<LocalPostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>A database in a local PostgreSQL cluster: created when the server is ready, healthy once it answers.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent, string connectionString)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{connectionString}");
}
