using ChampionNetwork.LocalServers;
using Npgsql;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// Each server, from the first source that works: a connection string in configuration (ConnectionStrings:{name}),
/// Aspire's container when a Docker engine answers, else the binary installed on this machine.
/// </summary>
internal static class ServerSources
{
    public static IResourceBuilder<IResourceWithConnectionString> AddEventBus(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        if (builder.Configuration.GetConnectionString(name) is not null)
        {
            return builder.AddConnectionString(name);
        }

        if (DockerEngine.Answers(builder.Configuration))
        {
            return builder.AddRabbitMQ(name).WithImage(ContainerImages.RabbitMqImage, ContainerImages.RabbitMqTag).WithDataVolume();
        }

        return builder.AddLocalRabbitMq(name, dataDirectory);
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        if (builder.Configuration.GetConnectionString(name) is not null)
        {
            return builder.AddConnectionString(name);
        }

        if (DockerEngine.Answers(builder.Configuration))
        {
            return builder.AddRedis(name).WithImage(ContainerImages.RedisImage, ContainerImages.RedisTag).WithDataVolume().WithPersistence();
        }

        return builder.AddLocalRedis(name, dataDirectory);
    }

    /// <summary>A PostgreSQL server and a way to add its databases, whichever source it came from.</summary>
    public static PostgresServer AddPostgresServer(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        if (builder.Configuration.GetConnectionString(name) is { } configured)
        {
            // A database is ConnectionStrings:{database} when that is configured, else that database on this server.
            return new PostgresServer(database => builder.Configuration.GetConnectionString(database) is not null
                ? builder.AddConnectionString(database)
                : builder.AddConnectionString(database, ReferenceExpression.Create($"{new NpgsqlConnectionStringBuilder(configured) { Database = database }.ConnectionString}")));
        }

        if (DockerEngine.Answers(builder.Configuration))
        {
            var container = builder.AddPostgres(name).WithImage(ContainerImages.PostgresImage, ContainerImages.PostgresTag).WithDataVolume();
            return new PostgresServer(database => container.AddDatabase(database));
        }

        var local = builder.AddLocalPostgres(name, dataDirectory);
        return new PostgresServer(database => local.AddLocalDatabase(database));
    }
}

internal sealed class PostgresServer(Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => addDatabase(name);
}
