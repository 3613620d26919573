using ChampionNetwork.AppHost.Supervision;
using ChampionNetwork.LocalServers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// The local-binary resources: each runs its recipe from infra/servers (the same one the test fixtures run), keeps
/// its data in {data}/{name}, listens on a port remembered there, is healthy when its readiness check passes, and is
/// started again if it crashes.
/// </summary>
internal static class LocalServerExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var folder = Folder(dataDirectory, name);
        var ports = StickyPorts.For(folder, 3);
        var (port, distribution, epmdPort) = (ports[0], ports[1], ports[2]);

        var epmd = RabbitMqRecipe.Epmd(folder, epmdPort);
        var epmdResource = builder.AddExecutable($"{name}-epmd", epmd.Executable, folder, [.. epmd.Arguments])
            .WithRestartOnCrash();

        var run = RabbitMqRecipe.Run(folder, port, distribution, epmdPort);
        var amqp = RabbitMqRecipe.AmqpUri(port);
        var resource = new LocalRabbitMqResource(name, run.Executable, folder, amqp.ToString());
        epmdResource.WithParentRelationship(resource);
        return builder.AddResource(resource)
            .WithArgs([.. run.Arguments])
            .WithServerEndpoint("amqp", port)
            .WithReadiness(builder, RabbitMqRecipe.Readiness(amqp))
            .WaitFor(epmdResource)
            .WithRestartOnCrash();
    }

    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var folder = Folder(dataDirectory, name);
        var port = StickyPorts.For(folder, 1)[0];
        var run = RedisRecipe.Run(folder, port);
        var connectionString = RedisRecipe.ConnectionString(port);
        return builder.AddResource(new LocalRedisResource(name, run.Executable, folder, connectionString))
            .WithArgs([.. run.Arguments])
            .WithServerEndpoint("tcp", port)
            .WithReadiness(builder, RedisRecipe.Readiness(connectionString))
            .WithRestartOnCrash();
    }

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var folder = Folder(dataDirectory, name);
        var port = StickyPorts.For(folder, 1)[0];
        var run = PostgresRecipe.Run(folder, port);
        var resource = new LocalPostgresResource(name, run.Executable, folder, PostgresRecipe.ConnectionString(port));

        // The databases exist before anything that waits for them starts, as with Aspire's PostgreSQL container; DCP
        // does not run them, so their state is ours to publish.
        builder.Eventing.Subscribe<ResourceReadyEvent>(resource, async (ready, ct) =>
        {
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in resource.Databases)
            {
                await PostgresRecipe.CreateDatabaseAsync(resource.ConnectionString, database.DatabaseName, ct);
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            }
        });

        return builder.AddResource(resource)
            .WithArgs([.. run.Arguments])
            .WithServerEndpoint("tcp", port)
            .WithReadiness(builder, PostgresRecipe.Readiness(resource.ConnectionString))
            .WithRestartOnCrash();
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var port = server.Resource.Annotations.OfType<EndpointAnnotation>().Single().Port!.Value;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource, PostgresRecipe.ConnectionString(port, name));
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithReadiness(server.ApplicationBuilder, PostgresRecipe.Readiness(PostgresRecipe.ConnectionString(port, name)));
    }

    private static string Folder(string dataDirectory, string name) => Directory.CreateDirectory(Path.Combine(dataDirectory, name)).FullName;

    /// <summary>The port the recipe was given: not proxied, so clients reach the server itself, on the same port after a restart.</summary>
    private static IResourceBuilder<T> WithServerEndpoint<T>(this IResourceBuilder<T> server, string scheme, int port) where T : IResourceWithEndpoints =>
        server.WithEndpoint(port: port, targetPort: port, scheme: scheme, name: scheme, isProxied: false, isExternal: false);

    private static IResourceBuilder<T> WithReadiness<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder, IHealthCheck check) where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => check, HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        return resource.WithHealthCheck(key);
    }
}
