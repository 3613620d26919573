using System.Collections.Concurrent;
using Xunit;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A per-test-class slice of the shared servers: its own RabbitMQ vhost, its own Redis key prefix, and its own
/// PostgreSQL database per logical name. Use as an xunit class fixture (IClassFixture&lt;IsolatedServers&gt;).
/// Nothing is deleted afterwards: the servers that test.sh or the fixtures start are thrown away at the end of the run.
/// </summary>
public sealed class IsolatedServers : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private Uri? _rabbitMqUri;
    private string? _redisConnectionString;

    /// <summary>The vhost created for this instance.</summary>
    public string VirtualHost { get; } = TestNames.Unique("vh");

    /// <summary>amqp://user:password@host:port/vhost for <see cref="VirtualHost"/>.</summary>
    public Uri RabbitMqUri => _rabbitMqUri ?? throw NotInitialized();

    public string RedisConnectionString => _redisConnectionString ?? throw NotInitialized();

    /// <summary>Prefix every key with this (it ends with ':'), e.g. db.WithKeyPrefix(RedisKeyPrefix) from StackExchange.Redis.KeyspaceIsolation.</summary>
    public string RedisKeyPrefix { get; } = TestNames.Unique("test") + ":";

    public async Task InitializeAsync()
    {
        var rabbitMq = TestServers.RabbitMqAsync();
        var redis = TestServers.RedisAsync();
        _rabbitMqUri = await (await rabbitMq).CreateVirtualHostAsync(VirtualHost);
        _redisConnectionString = (await redis).ConnectionString;
    }

    /// <summary>
    /// Connection string to this instance's database for <paramref name="logicalName"/> (e.g. "surveysdb"),
    /// created on first request as logicalName_&lt;unique&gt;; later calls return the same database.
    /// </summary>
    public Task<string> DatabaseAsync(string logicalName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logicalName);
        var database = _databases.GetOrAdd(
            logicalName,
            name => new Lazy<Task<string>>(async () =>
            {
                var postgres = await TestServers.PostgresAsync();
                return await postgres.CreateDatabaseAsync(TestNames.Unique(name));
            }));
        return database.Value;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static InvalidOperationException NotInitialized() =>
        new("IsolatedServers is not initialized: use it as an xunit fixture or await InitializeAsync() first.");
}
