using System.Globalization;

namespace ChampionNetwork.AppHost.Model;

/// <summary>A server the AppHost provisions (configured, container, or local binary) and whose connection string it hands out.</summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    public string? ConnectionString { get; set; }

    /// <summary>The Debian package that provides the local binary.</summary>
    public abstract string DebianPackage { get; }

    public EndpointAnnotation PrimaryEndpoint => Annotations.OfType<EndpointAnnotation>().First();

    /// <summary>The connection string for a server listening on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public abstract string ConnectionStringFor(string host, int port, string? password);
}

public sealed class RabbitMQServerResource(string name) : ServerResource(name)
{
    public const string User = "guest";

    public override string DebianPackage => "rabbitmq-server";

    public override string ConnectionStringFor(string host, int port, string? password) =>
        $"amqp://{User}:{Uri.EscapeDataString(password ?? "guest")}@{host}:{port.ToString(CultureInfo.InvariantCulture)}/";
}

public sealed class RedisResource(string name) : ServerResource(name)
{
    public override string DebianPackage => "redis-server";

    public override string ConnectionStringFor(string host, int port, string? password) =>
        $"{host}:{port.ToString(CultureInfo.InvariantCulture)}" + (password is null ? string.Empty : $",password={password}");
}

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    public const string User = "postgres";

    public override string DebianPackage => "postgresql";

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public override string ConnectionStringFor(string host, int port, string? password) =>
        $"Host={host};Port={port.ToString(CultureInfo.InvariantCulture)};Username={User}" + (password is null ? string.Empty : $";Password={password}");
}

/// <summary>A database on a PostgreSQL server: created when missing, once the server is healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = parent;

    public IResource Parent => Server;

    public string? ConnectionString => Server.ConnectionString is { } server ? $"{server};Database={DatabaseName}" : null;
}

/// <summary>A .NET project run as `dotnet {assembly}` with the environment the AppHost computes.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name), IResourceWithEnvironment
{
    /// <summary>The .csproj, relative to the repository root or absolute.</summary>
    public string ProjectPath { get; } = projectPath;

    public EndpointAnnotation HttpEndpoint => Annotations.OfType<EndpointAnnotation>().First(e => e.Name == "http");
}

/// <summary>
/// An Orleans cluster description (Aspire.Hosting.Orleans' OrleansService): not a process, but what a project that
/// references it needs to join the cluster: clustering, grain storage and its own silo and gateway ports.
/// </summary>
public sealed class OrleansService(string name) : Resource(name)
{
    public string ClusterId { get; set; } = "championnetwork";

    public string ServiceId { get; set; } = "championnetwork";

    public IResourceWithConnectionString? Clustering { get; set; }

    public Dictionary<string, IResourceWithConnectionString> GrainStorage { get; } = new(StringComparer.Ordinal);
}
