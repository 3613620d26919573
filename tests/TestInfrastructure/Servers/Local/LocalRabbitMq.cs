using System.Globalization;
using System.Net.Sockets;
using ChampionNetwork.TestInfrastructure.Servers.Admin;
using ChampionNetwork.TestInfrastructure.Servers.Local;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server script, recipe in LOCAL-SERVERS.md) with its own AMQP,
/// distribution and epmd ports and its own folder, which is also HOME (the Erlang cookie lives there).
/// We start epmd ourselves so that we own its pid; otherwise the VM starts a daemonised epmd that outlives it.
/// Vhosts: this private node creates them with rabbitmqctl (~700 ms each). The shared node also loads the
/// management plugin and uses its HTTP API (~30 ms per vhost, for one vhost per test class); the plugin costs
/// ~0.5 s at start and, in RabbitMQ 3.10, 5 s more on every graceful stop, which fault-injection tests would pay.
/// </summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    public const string User = "guest";
    public const string Password = "guest";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerDirectory _directory;
    private readonly string _serverScript;
    private readonly string _epmdBinary;
    private readonly RabbitMqManagementClient? _management;
    private readonly IRabbitMqAdmin _admin;
    private ChildProcess? _epmd;
    private ChildProcess? _launcher;
    private int _disposed;

    private LocalRabbitMq(ServerDirectory directory, string serverScript, string epmdBinary, int[] ports, bool management)
    {
        _directory = directory;
        _serverScript = serverScript;
        _epmdBinary = epmdBinary;
        (Port, DistributionPort, EpmdPort) = (ports[0], ports[1], ports[2]);
        if (management)
        {
            ManagementPort = ports[3];
            _management = new RabbitMqManagementClient(ManagementUri!, User, Password);
            _admin = _management;
        }
        else
        {
            var ctl = Binaries.RabbitMqCtl ?? throw new ServerStartException("rabbitmqctl is not installed. " + InstallHint.Command);
            var ctlEnvironment = new Dictionary<string, string>
            {
                ["HOME"] = directory.Path,
                ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
            };
            _admin = new RabbitMqCtlAdmin(ctl, NodeName, ctlEnvironment, directory.File("rabbitmqctl.log"));
        }
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    /// <summary>The management HTTP port, or null when the plugin is not loaded (private nodes).</summary>
    public int? ManagementPort { get; }

    public string NodeName => $"t{Port.ToString(CultureInfo.InvariantCulture)}@localhost";

    /// <summary>The default vhost "/".</summary>
    public Uri AmqpUri => RabbitMqUris.Build(Host, Port, User, Password, virtualHost: null);

    public Uri? ManagementUri =>
        ManagementPort is { } port ? new($"http://{User}:{Password}@{Host}:{port.ToString(CultureInfo.InvariantCulture)}") : null;

    /// <summary>Node folder: HOME, mnesia/, log/, console.log.</summary>
    public string DataDirectory => _directory.Path;

    internal IRabbitMqAdmin Admin => _admin;

    private string BeamPidFile => Path.Combine(_directory.RunPath, "beam.pid");

    public static Task<LocalRabbitMq> StartAsync(CancellationToken ct = default) => StartAsync(management: false, ct);

    internal static async Task<LocalRabbitMq> StartAsync(bool management, CancellationToken ct)
    {
        var script = Binaries.RabbitMqServer
            ?? throw new ServerStartException("rabbitmq-server is not installed. " + InstallHint.Command);
        var epmd = Binaries.Epmd
            ?? throw new ServerStartException("epmd (Erlang) is not installed. " + InstallHint.Command);
        var directory = ServerDirectory.Create("rabbitmq");
        LocalRabbitMq rabbit;
        try
        {
            rabbit = new LocalRabbitMq(directory, script, epmd, FreePorts.Take(4), management);
        }
        catch
        {
            directory.Delete();
            throw;
        }

        ExitCleanup.Register(rabbit, () => Watchdog.CleanUpDetached(directory));
        Watchdog.Guard(directory);
        try
        {
            rabbit.WriteConfiguration();
            await rabbit.StartAgainAsync(ct);
            return rabbit;
        }
        catch
        {
            await rabbit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a vhost with full permissions for guest and returns its AMQP URI.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string name, CancellationToken ct = default)
    {
        await _admin.CreateVirtualHostAsync(name, User, ct);
        return RabbitMqUris.Build(Host, Port, User, Password, name);
    }

    /// <summary>Starts the node again with the same name, ports and mnesia folder (durable queues survive).</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_launcher is { HasExited: false })
        {
            throw new InvalidOperationException("RabbitMQ is already running.");
        }

        await EnsureEpmdAsync(ct);
        _launcher?.Dispose();
        _launcher = ChildProcess.Start(_serverScript, [], _directory.File("console.log"), NodeEnvironment(), _directory.Path);
        _directory.WritePid("launcher", _launcher.Pid);

        var launcher = _launcher;
        await Readiness.WaitAsync(
            $"RabbitMQ node {NodeName} (AMQP port {Port})",
            async token =>
            {
                await AmqpProbe.ProbeAsync(AmqpUri, token);
                if (_management is not null)
                {
                    await _management.ProbeAsync(token);
                }
            },
            () => launcher.HasExited,
            () => _directory.Tail("console.log", "log"),
            StartTimeout,
            ct);
    }

    /// <summary>A graceful stop (SIGTERM to the start script, which stops the VM); epmd keeps running.</summary>
    public async Task StopAsync()
    {
        if (_launcher is { HasExited: false } launcher)
        {
            Posix.Signal(launcher.Pid, "TERM");
            if (!await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                await KillAsync();
            }

            _directory.DeletePid("launcher");
        }
    }

    /// <summary>kill -9 of the Erlang VM (beam.smp), like a crash; epmd keeps running as it would on a real host.</summary>
    public async Task KillAsync()
    {
        if (Posix.ReadPidFile(BeamPidFile) is { } beam)
        {
            Posix.Signal(beam, "KILL");
            await Posix.WaitUntilAsync(() => !Posix.IsAlive(beam), TimeSpan.FromSeconds(10));
        }

        if (_launcher is { } launcher && !await launcher.WaitForExitAsync(TimeSpan.FromSeconds(10)))
        {
            launcher.Kill();
        }

        File.Delete(BeamPidFile);
        _directory.DeletePid("launcher");
    }

    public ValueTask DisposeAsync()
    {
        DisposeNow();
        return ValueTask.CompletedTask;
    }

    private void WriteConfiguration()
    {
        File.WriteAllText(_directory.File("rabbitmq-env.conf"), string.Empty);
        if (ManagementPort is not { } port)
        {
            File.WriteAllText(_directory.File("enabled_plugins"), "[].\n");
            File.WriteAllText(_directory.File("rabbitmq.conf"), string.Empty);
            return;
        }

        File.WriteAllText(_directory.File("enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(_directory.File("rabbitmq.conf"), $"""
            management.tcp.port = {port.ToString(CultureInfo.InvariantCulture)}
            management.tcp.ip = 127.0.0.1
            # Nothing reads the management statistics here; not collecting them saves CPU on small machines.
            management_agent.disable_metrics_collector = true

            """);
    }

    private Dictionary<string, string> NodeEnvironment() => new()
    {
        ["HOME"] = _directory.Path,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = Host,
        ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_MNESIA_BASE"] = _directory.File("mnesia"),
        ["RABBITMQ_LOG_BASE"] = _directory.File("log"),
        ["RABBITMQ_CONFIG_FILE"] = _directory.File("rabbitmq"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = _directory.File("advanced.config"),
        ["RABBITMQ_CONF_ENV_FILE"] = _directory.File("rabbitmq-env.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = _directory.File("enabled_plugins"),
        ["RABBITMQ_PID_FILE"] = BeamPidFile,
    };

    private async Task EnsureEpmdAsync(CancellationToken ct)
    {
        if (_epmd is { HasExited: false })
        {
            return;
        }

        _epmd?.Dispose();
        _epmd = ChildProcess.Start(
            _epmdBinary,
            ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1", "-relaxed_command_check"],
            _directory.File("epmd.log"));
        _directory.WritePid("epmd", _epmd.Pid);

        // The VM must find epmd listening, or it starts its own daemonised one.
        var epmd = _epmd;
        await Readiness.WaitAsync(
            $"epmd on port {EpmdPort}",
            async token =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, EpmdPort, token);
            },
            () => epmd.HasExited,
            () => _directory.Tail("epmd.log"),
            TimeSpan.FromSeconds(10),
            ct);
    }

    private void DisposeNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ExitCleanup.Unregister(this);
        // The folder is deleted anyway, so there is nothing to shut down gracefully. The start script is the VM's
        // parent: let it reap the VM before it goes, or the VM lingers as a zombie of PID 1. Without a pid file the
        // VM may be too young to have written it, and the script's TERM trap is the only way to reach it.
        if (Posix.ReadPidFile(BeamPidFile) is { } beam)
        {
            Posix.Signal(beam, "KILL");
        }
        else if (_launcher is { HasExited: false } launcher)
        {
            Posix.Signal(launcher.Pid, "TERM");
        }

        Stop(_launcher, TimeSpan.FromSeconds(10));
        Stop(_epmd, TimeSpan.Zero);
        _management?.Dispose();
        _directory.Delete();
    }

    private static void Stop(ChildProcess? child, TimeSpan grace)
    {
        if (child is null)
        {
            return;
        }

        if (!child.HasExited && !child.WaitForExitAsync(grace).GetAwaiter().GetResult())
        {
            child.Kill();
            child.WaitForExitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }

        child.Dispose();
    }
}
