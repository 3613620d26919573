namespace ChampionNetwork.TestInfrastructure;

/// <summary>Environment variables that point the fixtures at servers that are already running.</summary>
public static class TestServerEnvironment
{
    /// <summary>AMQP URI of the broker, e.g. amqp://guest:guest@127.0.0.1:5672/ .</summary>
    public const string RabbitMq = "CHAMPION_TEST_RABBITMQ";

    /// <summary>Management HTTP API base (creates vhosts), e.g. http://guest:guest@127.0.0.1:15672 . Required with <see cref="RabbitMq"/>.</summary>
    public const string RabbitMqManagement = "CHAMPION_TEST_RABBITMQ_MANAGEMENT";

    /// <summary>StackExchange.Redis configuration string, e.g. 127.0.0.1:6379 .</summary>
    public const string Redis = "CHAMPION_TEST_REDIS";

    /// <summary>Npgsql connection string for a role that may CREATE DATABASE, e.g. Host=127.0.0.1;Port=5432;Username=postgres .</summary>
    public const string Postgres = "CHAMPION_TEST_POSTGRES";

    internal static string? Get(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
