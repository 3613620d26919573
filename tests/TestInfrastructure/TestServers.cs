using ChampionNetwork.TestInfrastructure.Servers.Sources;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// The servers shared by every test in this process. Each is acquired once, on first use, from (in order) a
/// CHAMPION_TEST_* variable, a Testcontainers container, or a locally installed binary; it is released at exit.
/// A failure is remembered, so every later caller gets the same clear exception quickly.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<RabbitMqServer>> s_rabbitMq = Shared(RabbitMqSources.AcquireAsync);
    private static readonly Lazy<Task<RedisServer>> s_redis = Shared(RedisSources.AcquireAsync);
    private static readonly Lazy<Task<PostgresServer>> s_postgres = Shared(PostgresSources.AcquireAsync);

    /// <summary>The shared broker. <paramref name="ct"/> stops this caller's wait, never the shared start.</summary>
    public static Task<RabbitMqServer> RabbitMqAsync(CancellationToken ct = default) => s_rabbitMq.Value.WaitAsync(ct);

    public static Task<RedisServer> RedisAsync(CancellationToken ct = default) => s_redis.Value.WaitAsync(ct);

    public static Task<PostgresServer> PostgresAsync(CancellationToken ct = default) => s_postgres.Value.WaitAsync(ct);

    private static Lazy<Task<T>> Shared<T>(Func<CancellationToken, Task<T>> acquire) =>
        new(() => Task.Run(() => acquire(CancellationToken.None)), LazyThreadSafetyMode.ExecutionAndPublication);
}
