using System.Globalization;
using ChampionNetwork.TestInfrastructure.Servers.Admin;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Npgsql;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private PostgreSQL cluster (initdb in a temp folder, trust auth, user postgres) on a free port, for tests that
/// kill and restart it. As root it runs as the postgres user through runuser, because PostgreSQL refuses root.
/// fsync is off: a kill -9 of the server keeps every committed row (the OS still has the pages); a power cut would not.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string PostgresUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerDirectory _directory;
    private readonly string _bin;
    private ChildProcess? _launcher;
    private int _disposed;

    private LocalPostgres(ServerDirectory directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string to the maintenance database "postgres".</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = PostgresUser, Database = "postgres" }.ConnectionString;

    /// <summary>The cluster's folder: data/, postgres.log, initdb.log.</summary>
    public string DataDirectory => _directory.Path;

    private string DataPath => _directory.File("data");

    public static async Task<LocalPostgres> StartAsync(CancellationToken ct = default)
    {
        var bin = Binaries.PostgresBin
            ?? throw new ServerStartException("PostgreSQL (initdb, pg_ctl) is not installed. " + InstallHint.Command);
        var directory = ServerDirectory.Create("postgres");
        var postgres = new LocalPostgres(directory, bin, FreePorts.Take(1)[0]);
        ExitCleanup.Register(postgres, () => Watchdog.CleanUpDetached(directory));
        Watchdog.Guard(directory);
        try
        {
            if (Posix.IsRoot)
            {
                directory.ChownTo(PostgresUser);
            }

            await postgres.RunToolAsync(
                "initdb",
                ["-D", postgres.DataPath, "-U", PostgresUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                ct);
            await postgres.StartAgainAsync(ct);
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    public Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresDatabases.CreateAsync(ConnectionString, name, ct);

    /// <summary>Starts the cluster again on the same port and data folder; after a kill it runs crash recovery.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_launcher is { HasExited: false })
        {
            throw new InvalidOperationException("PostgreSQL is already running.");
        }

        // postgres runs as our (grand)child in its own session rather than daemonised by pg_ctl: its parent then
        // reaps it at once when it dies. A daemon is reaped by PID 1, which in these sandboxes can take seconds, and
        // until then the next start sees the zombie's pid in postmaster.pid and refuses. The session makes the
        // postmaster a process-group leader, so one kill -9 of the group takes every backend with it.
        _launcher?.Dispose();
        var (executable, arguments) = AsPostgresUser(
            "setsid",
            [
                "-w", Path.Combine(_bin, "postgres"),
                "-D", DataPath,
                "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-k", _directory.Path,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=300",
            ]);
        _launcher = ChildProcess.Start(executable, arguments, _directory.File("postgres.log"));
        _directory.WritePid("launcher", _launcher.Pid);

        var launcher = _launcher;
        await Readiness.WaitAsync(
            $"PostgreSQL on port {Port}",
            token => PostgresDatabases.ProbeAsync(ConnectionString, token),
            () => launcher.HasExited,
            () => _directory.Tail("postgres.log"),
            StartTimeout,
            ct);
    }

    /// <summary>kill -9 of the postmaster and all its backends at once, like a crash of the whole server.</summary>
    public async Task KillAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (PostmasterPid() is { } pid)
        {
            Posix.Signal(pid, "KILL", group: true);
            await Posix.WaitUntilAsync(() => !Posix.GroupAlive(pid), TimeSpan.FromSeconds(10));
        }

        await WaitForLauncherAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A clean, fast shutdown (SIGINT to the postmaster, as pg_ctl stop -m fast does).</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (PostmasterPid() is { } pid && Posix.IsAlive(pid))
        {
            Posix.Signal(pid, "INT");
            if (!await WaitForLauncherAsync(TimeSpan.FromSeconds(30)))
            {
                await KillAsync();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        DisposeNow();
        return ValueTask.CompletedTask;
    }

    private int? PostmasterPid() => Posix.ReadPidFile(Path.Combine(DataPath, "postmaster.pid"));

    /// <summary>PostgreSQL refuses to run as root: as root, go through runuser -u postgres.</summary>
    private static (string Executable, IReadOnlyList<string> Arguments) AsPostgresUser(string executable, IReadOnlyList<string> arguments) =>
        Posix.IsRoot ? ("runuser", ["-u", PostgresUser, "--", executable, .. arguments]) : (executable, arguments);

    private async Task<bool> WaitForLauncherAsync(TimeSpan timeout)
    {
        if (_launcher is { } launcher && !await launcher.WaitForExitAsync(timeout))
        {
            return false;
        }

        _directory.DeletePid("launcher");
        return true;
    }

    private async Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var (executable, command) = AsPostgresUser(Path.Combine(_bin, tool), arguments);
        var (exitCode, output) = await ChildProcess.RunAsync(executable, command, _directory.File("initdb.log"), TimeSpan.FromSeconds(90), ct);
        if (exitCode != 0)
        {
            var hint = Posix.IsRoot
                ? $"\n(As root, PostgreSQL runs as the postgres user: every folder above {_directory.Path} must be searchable by others.)"
                : string.Empty;
            throw new ServerStartException($"{tool} failed with exit code {exitCode}:\n{output}{hint}");
        }
    }

    private void DisposeNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ExitCleanup.Unregister(this);
        if (PostmasterPid() is { } pid)
        {
            Posix.Signal(pid, "KILL", group: true);
            Posix.WaitUntilAsync(() => !Posix.GroupAlive(pid), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }

        _launcher?.Kill();
        WaitForLauncherAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        _launcher?.Dispose();
        _directory.Delete();
    }
}
