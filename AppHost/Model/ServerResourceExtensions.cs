namespace ChampionNetwork.AppHost.Model;

/// <summary>AddRabbitMQ, AddRedis, AddPostgres and AddDatabase, with the images and ports Aspire uses.</summary>
public static class ServerResourceExtensions
{
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name))
            .WithAnnotation(new EndpointAnnotation("tcp", "amqp", targetPort: 5672))
            .WithAnnotation(new ContainerImageAnnotation("library/rabbitmq", "4.1"));

    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name))
            .WithAnnotation(new EndpointAnnotation("tcp", "tcp", targetPort: 6379))
            .WithAnnotation(new ContainerImageAnnotation("library/redis", "7.4"));

    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name))
            .WithAnnotation(new EndpointAnnotation("tcp", "tcp", targetPort: 5432))
            .WithAnnotation(new ContainerImageAnnotation("library/postgres", "17.4"));

    /// <summary>A database on the server, named <paramref name="name"/> unless <paramref name="databaseName"/> says otherwise.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }
}
