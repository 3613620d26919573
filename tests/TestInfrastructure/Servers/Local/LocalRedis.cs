using ChampionNetwork.TestInfrastructure.Servers.Local;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private redis-server on a free port with AOF on, for tests that kill and restart it.
/// Never shared: the process-wide server comes from <see cref="TestServers.RedisAsync"/>.
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerDirectory _directory;
    private readonly string _binary;
    private readonly string _appendFsync;
    private ChildProcess? _process;
    private int _disposed;

    private LocalRedis(ServerDirectory directory, string binary, int port, string appendFsync)
    {
        _directory = directory;
        _binary = binary;
        _appendFsync = appendFsync;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The folder holding the AOF files and redis.log.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>Starts a server with appendfsync always, so every acknowledged write survives kill -9.</summary>
    public static Task<LocalRedis> StartAsync(CancellationToken ct = default) => StartAsync("always", ct);

    internal static async Task<LocalRedis> StartAsync(string appendFsync, CancellationToken ct)
    {
        var binary = Binaries.RedisServer
            ?? throw new ServerStartException("redis-server is not installed. " + InstallHint.Command);
        var directory = ServerDirectory.Create("redis");
        var redis = new LocalRedis(directory, binary, FreePorts.Take(1)[0], appendFsync);
        ExitCleanup.Register(redis, () => Watchdog.CleanUpDetached(directory));
        Watchdog.Guard(directory);
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
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("Redis is already running.");
        }

        _process?.Dispose();
        _process = ChildProcess.Start(
            _binary,
            [
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", _directory.Path,
                "--appendonly", "yes",
                "--appendfsync", _appendFsync,
                "--save", string.Empty,
                "--daemonize", "no",
                "--logfile", string.Empty,
            ],
            _directory.File("redis.log"));
        _directory.WritePid("redis", _process.Pid);

        var process = _process;
        await Readiness.WaitAsync(
            $"redis-server on port {Port}",
            token => RedisProtocol.PingAsync(Port, token),
            () => process.HasExited,
            () => _directory.Tail("redis.log"),
            StartTimeout,
            ct);
    }

    /// <summary>kill -9: the process gets no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            _directory.DeletePid("redis");
        }
    }

    /// <summary>SIGTERM: redis flushes the AOF and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Posix.Signal(process.Pid, "TERM");
            if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
            }

            _directory.DeletePid("redis");
        }
    }

    public ValueTask DisposeAsync()
    {
        DisposeNow();
        return ValueTask.CompletedTask;
    }

    private void DisposeNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ExitCleanup.Unregister(this);
        _process?.Kill();
        _process?.WaitForExitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        _process?.Dispose();
        _directory.Delete();
    }
}
