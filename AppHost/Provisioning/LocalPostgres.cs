using System.Globalization;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>
/// A PostgreSQL cluster in .apphost/{name}/data (initdb once: trust auth, superuser postgres, UTF8), run in the
/// foreground on a free port. PostgreSQL refuses to run as root, so as root it runs as the postgres user through
/// runuser, and the folder belongs to that user.
/// </summary>
internal sealed class LocalPostgres : IServerInstance
{
    private const string PostgresUser = "postgres";
    private readonly ChildProcess _process;
    private readonly string _dataPath;

    private LocalPostgres(ChildProcess process, string dataPath, string connectionString, int port)
    {
        _process = process;
        _dataPath = dataPath;
        ConnectionString = connectionString;
        Endpoint = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public ProvisioningSource Source => ProvisioningSource.LocalBinary;

    public string ConnectionString { get; }

    public string Endpoint { get; }

    public int? Pid => PostmasterPid() ?? _process.Pid;

    public IReadOnlyCollection<int> Sessions => [_process.Pid];

    public Task Exited => _process.Exited;

    public static async Task<IServerInstance> StartAsync(PostgresServerResource resource, ServerContext context, CancellationToken ct)
    {
        var bin = Binaries.PostgresBin ?? throw ProvisioningException.NotInstalled(resource.Name, resource.DebianPackage);
        var dir = context.Directory;
        var data = Path.Combine(dir, "data");
        var port = FreePorts.Sticky(Path.Combine(dir, "port"));
        if (Posix.IsRoot)
        {
            EnsureTraversable(dir);
            await RunAsync("chown", ["-R", $"{PostgresUser}:{PostgresUser}", dir], ct);
        }

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true); // a half-made cluster from an interrupted first run
            }

            var (exe, args) = AsPostgresUser(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", PostgresUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
            await RunAsync(exe, args, ct);
        }

        var (executable, arguments) = AsPostgresUser(Path.Combine(bin, "postgres"),
        [
            "-D", data,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", dir,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=200",
            // synchronous_commit stays on: a 202 must survive kill -9 of the postmaster (Resilience.Tests lost
            // acknowledged responses with it off: their WAL was still in shared memory when the cluster died).
        ]);
        var process = ChildProcess.Start(executable, arguments, context.OnLine, workingDirectory: dir);
        var postgres = new LocalPostgres(process, data, resource.ConnectionStringFor("127.0.0.1", port, null), port);
        try
        {
            await Readiness.WaitAsync(resource.Name, t => ServerProbes.PostgresAsync(postgres.ConnectionString + ";Database=postgres", t), process, TimeSpan.FromSeconds(60), ct);
            return postgres;
        }
        catch
        {
            await postgres.StopAsync();
            throw;
        }
    }

    /// <summary>SIGINT to the postmaster: a fast shutdown (what pg_ctl stop -m fast sends); the session is killed after the grace.</summary>
    public async Task StopAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _process.StopAsync(Posix.SigInt, TimeSpan.FromSeconds(5), PostmasterPid() ?? _process.Pid);
    }

    private int? PostmasterPid() =>
        Posix.ReadPidFile(Path.Combine(_dataPath, "postmaster.pid")) is { } pid && Posix.SessionMembers(_process.Pid).Contains(pid) ? pid : null;

    private static (string Executable, IReadOnlyList<string> Arguments) AsPostgresUser(string executable, IReadOnlyList<string> arguments) =>
        Posix.IsRoot ? ("runuser", ["-u", PostgresUser, "--", executable, .. arguments]) : (executable, arguments);

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var (code, output) = await ChildProcess.RunAsync(executable, arguments, TimeSpan.FromSeconds(120), ct);
        if (code != 0)
        {
            throw new ProvisioningException($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed with exit code {code}:\n{output}");
        }
    }

    /// <summary>As root, the postgres user must be able to reach the folder: every folder above it needs o+x.</summary>
    private static void EnsureTraversable(string dir)
    {
        for (var d = Directory.GetParent(dir); d is not null; d = d.Parent)
        {
            if ((File.GetUnixFileMode(d.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new ProvisioningException(
                    $"PostgreSQL runs as the postgres user, which cannot reach {dir}: {d.FullName} is not searchable by others. "
                    + $"Run 'chmod o+x {d.FullName}', or pass --data-dir with a folder under /tmp.");
            }
        }
    }
}
