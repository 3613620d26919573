using ChampionNetwork.TestInfrastructure.Servers.Local;
using StackExchange.Redis;
using Testcontainers.Redis;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class RedisSources
{
    private const string Image = "redis:7.0";

    public static Task<RedisServer> AcquireAsync(CancellationToken ct) =>
        ServerAcquisition.AcquireAsync(
            "Redis",
            TestServerEnvironment.Redis,
            FromEnvironmentAsync,
            new ServerOption<RedisServer>("no Docker engine answered", () => DockerProbe.EngineAvailable, FromContainerAsync),
            new ServerOption<RedisServer>("redis-server is not installed", () => Binaries.RedisServer is not null, FromLocalProcessAsync),
            ct);

    private static async Task<RedisServer> FromEnvironmentAsync(string value, CancellationToken ct)
    {
        var options = ConfigurationOptions.Parse(value);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5_000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await connection.GetDatabase().PingAsync().WaitAsync(ct);
        return new RedisServer(value, ServerSource.Environment);
    }

    private static async Task<RedisServer> FromContainerAsync(CancellationToken ct)
    {
        var container = await ContainerLifetime.StartAsync(new RedisBuilder(Image).Build(), ct);
        return new RedisServer(container.GetConnectionString(), ServerSource.Container);
    }

    private static async Task<RedisServer> FromLocalProcessAsync(CancellationToken ct)
    {
        // everysec as in LOCAL-SERVERS.md: nobody kills the shared server.
        var local = await LocalRedis.StartAsync("everysec", ct);
        return new RedisServer(local.ConnectionString, ServerSource.LocalProcess);
    }
}
