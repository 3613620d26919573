using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Testcontainers.Redis;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class RedisSources
{
    public static Task<RedisServer> AcquireAsync(CancellationToken ct) =>
        ServerAcquisition.AcquireAsync(
            "Redis",
            TestServerEnvironment.Redis,
            FromEnvironmentAsync,
            new ServerOption<RedisServer>("no Docker engine answered", () => DockerProbe.EngineAvailable, FromContainerAsync),
            new ServerOption<RedisServer>("redis-server is not installed", () => RedisRecipe.IsInstalled, FromLocalProcessAsync),
            ct);

    private static async Task<RedisServer> FromEnvironmentAsync(string value, CancellationToken ct)
    {
        await Readiness.EnsureHealthyAsync(RedisRecipe.Readiness(value), ct);
        return new RedisServer(value, ServerSource.Environment);
    }

    private static async Task<RedisServer> FromContainerAsync(CancellationToken ct)
    {
        var container = await ContainerLifetime.StartAsync(new RedisBuilder(ContainerImages.Redis).Build(), ct);
        return new RedisServer(container.GetConnectionString(), ServerSource.Container);
    }

    private static async Task<RedisServer> FromLocalProcessAsync(CancellationToken ct)
    {
        // everysec as in LOCAL-SERVERS.md: nobody kills the shared server.
        var local = await LocalRedis.StartAsync("everysec", ct);
        return new RedisServer(local.ConnectionString, ServerSource.LocalProcess);
    }
}
