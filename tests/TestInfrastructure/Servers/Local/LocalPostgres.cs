using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Admin;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Npgsql;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private PostgreSQL cluster (recipe: infra/servers/postgres.sh run: initdb on first start, trust auth, user
/// postgres, as the postgres user when root) on a free port, for tests that kill and restart it.
/// fsync is off: a kill -9 of the server keeps every committed row (the OS still has the pages); a power cut would not.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // After a kill -9 a backend may still hold the old shared memory for a moment (one forked as the postmaster was
    // killed, or one that has not noticed yet), and a new postmaster refuses to start until it is gone.
    private static readonly TimeSpan OrphanedBackendsGrace = TimeSpan.FromSeconds(10);

    private readonly ServerDirectory _directory;
    private readonly ServerProcess _postmaster;
    private int _disposed;

    private LocalPostgres(ServerDirectory directory, int port)
    {
        _directory = directory;
        _postmaster = new ServerProcess(directory, "postgres", "postgres.log");
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string to the maintenance database "postgres".</summary>
    public string ConnectionString => PostgresRecipe.ConnectionString(Port);

    /// <summary>The cluster's folder: data/, postgres.log, initdb.log.</summary>
    public string DataDirectory => _directory.Path;

    public static async Task<LocalPostgres> StartAsync(CancellationToken ct = default)
    {
        if (!PostgresRecipe.IsInstalled)
        {
            throw new ServerStartException("PostgreSQL is not installed. " + InstallHint.Command);
        }

        var directory = ServerDirectory.Create("postgres");
        var postgres = new LocalPostgres(directory, FreePorts.Take(1)[0]);
        try
        {
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
        var deadline = DateTime.UtcNow + OrphanedBackendsGrace;
        while (true)
        {
            try
            {
                await _postmaster.StartAsync(
                    PostgresRecipe.Run(_directory.Path, Port),
                    $"PostgreSQL on port {Port}",
                    StartTimeout,
                    [_postmaster.LogFile, "initdb.log"],
                    ct,
                    PostgresRecipe.Readiness(ConnectionString));
                return;
            }
            catch (ServerStartException) when (_postmaster.HasExited && DateTime.UtcNow < deadline)
            {
                if (!(await _postmaster.OutputSinceStartAsync()).Contains("pre-existing shared memory block", StringComparison.Ordinal))
                {
                    throw;
                }

                await Task.Delay(200, ct);
            }
        }
    }

    /// <summary>kill -9 of the postmaster and all its backends at once, like a crash of the whole server.</summary>
    public Task KillAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return _postmaster.KillAsync(withChildren: true);
    }

    /// <summary>A clean, fast shutdown (SIGINT to the postmaster, as pg_ctl stop -m fast does).</summary>
    public Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return _postmaster.StopAsync("INT", TimeSpan.FromSeconds(30));
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _postmaster.Dispose();
            _directory.Delete();
        }

        return ValueTask.CompletedTask;
    }
}
