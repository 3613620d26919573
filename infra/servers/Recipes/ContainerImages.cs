namespace ChampionNetwork.LocalServers;

/// <summary>The one tag each server's container image is pinned to, for the AppHost's containers and Testcontainers alike.</summary>
public static class ContainerImages
{
    public const string RabbitMqImage = "rabbitmq";
    public const string RabbitMqTag = "3.13-management";
    public const string RedisImage = "redis";
    public const string RedisTag = "7.0";
    public const string PostgresImage = "postgres";
    public const string PostgresTag = "15";

    public static string RabbitMq => $"{RabbitMqImage}:{RabbitMqTag}";

    public static string Redis => $"{RedisImage}:{RedisTag}";

    public static string Postgres => $"{PostgresImage}:{PostgresTag}";
}
