using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Local;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private redis-server (recipe: infra/servers/redis.sh run, AOF on) on a free port, for tests that kill and
/// restart it. Never shared: the process-wide server comes from <see cref="TestServers.RedisAsync"/>.
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerDirectory _directory;
    private readonly string _appendFsync;
    private readonly ServerProcess _server;
    private int _disposed;

    private LocalRedis(ServerDirectory directory, int port, string appendFsync)
    {
        _directory = directory;
        _appendFsync = appendFsync;
        _server = new ServerProcess(directory, "redis", "redis.log");
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string ConnectionString => RedisRecipe.ConnectionString(Port);

    /// <summary>The folder holding the AOF files and redis.log.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>Starts a server with appendfsync always, so every acknowledged write survives kill -9.</summary>
    public static Task<LocalRedis> StartAsync(CancellationToken ct = default) => StartAsync("always", ct);

    internal static async Task<LocalRedis> StartAsync(string appendFsync, CancellationToken ct)
    {
        if (!RedisRecipe.IsInstalled)
        {
            throw new ServerStartException("redis-server is not installed. " + InstallHint.Command);
        }

        var directory = ServerDirectory.Create("redis");
        var redis = new LocalRedis(directory, FreePorts.Take(1)[0], appendFsync);
        try
        {
            await redis.StartAgainAsync(ct);
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port and folder (after <see cref="KillAsync"/> or <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _server.StartAsync(
            RedisRecipe.Run(_directory.Path, Port, _appendFsync),
            $"redis-server on port {Port}",
            StartTimeout,
            [_server.LogFile],
            ct,
            RedisRecipe.Readiness(ConnectionString));
    }

    /// <summary>kill -9: the process gets no chance to flush anything.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>SIGTERM: redis flushes the AOF and exits.</summary>
    public Task StopAsync() => _server.StopAsync("TERM", TimeSpan.FromSeconds(20));

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Dispose();
            _directory.Delete();
        }

        return ValueTask.CompletedTask;
    }
}
