using System.Globalization;
using HealthChecks.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.LocalServers;

/// <summary>redis-server with AOF on and no RDB snapshots (redis.sh run).</summary>
public static class RedisRecipe
{
    /// <summary>The server's data folder is <paramref name="dataDirectory"/>; "always" makes every acknowledged write survive kill -9.</summary>
    public static ServerCommand Run(string dataDirectory, int port, string appendFsync = "everysec") =>
        ServerCommand.Script("redis.sh", "run", dataDirectory, port.ToString(CultureInfo.InvariantCulture), appendFsync);

    public static string ConnectionString(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>PING answered with PONG: a server still loading its AOF answers LOADING and is not ready.</summary>
    public static IHealthCheck Readiness(string connectionString) => new RedisHealthCheck(connectionString);

    public static bool IsInstalled => Binaries.OnPath("redis-server") is not null;
}
