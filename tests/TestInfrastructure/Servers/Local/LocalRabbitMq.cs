using System.Globalization;
using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Admin;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>
/// A private RabbitMQ node (recipe: infra/servers/rabbitmq.sh epmd / run) with its own AMQP, distribution and epmd
/// ports and its own folder, which is also HOME (the Erlang cookie lives there). epmd runs as a child of its own.
/// Vhosts: this private node creates them with rabbitmqctl (~700 ms each). The shared node also loads the
/// management plugin and uses its HTTP API (~30 ms per vhost, for one vhost per test class); the plugin costs
/// ~0.5 s at start and, in RabbitMQ 3.10, 5 s more on every graceful stop, which fault-injection tests would pay.
/// </summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    public const string User = RabbitMqRecipe.User;
    public const string Password = RabbitMqRecipe.Password;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerDirectory _directory;
    private readonly ServerProcess _epmd;
    private readonly ServerProcess _node;
    private readonly RabbitMqManagementClient? _management;
    private readonly IRabbitMqAdmin _admin;
    private int _disposed;

    private LocalRabbitMq(ServerDirectory directory, int[] ports, bool management)
    {
        _directory = directory;
        _epmd = new ServerProcess(directory, "epmd", "epmd.log");
        _node = new ServerProcess(directory, "rabbitmq", "console.log");
        (Port, DistributionPort, EpmdPort) = (ports[0], ports[1], ports[2]);
        if (management)
        {
            ManagementPort = ports[3];
            _management = new RabbitMqManagementClient(ManagementUri!, User, Password);
            _admin = _management;
        }
        else
        {
            // rabbitmqctl finds the node through the same epmd and authenticates with the cookie in HOME.
            var ctlEnvironment = new Dictionary<string, string>
            {
                ["HOME"] = directory.Path,
                ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
            };
            _admin = new RabbitMqCtlAdmin(Binaries.RabbitMqCtl, NodeName, ctlEnvironment, directory.File("rabbitmqctl.log"));
        }
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    /// <summary>The management HTTP port, or null when the plugin is not loaded (private nodes).</summary>
    public int? ManagementPort { get; }

    public string NodeName => RabbitMqRecipe.NodeName(Port);

    /// <summary>The default vhost "/".</summary>
    public Uri AmqpUri => RabbitMqRecipe.AmqpUri(Port);

    public Uri? ManagementUri =>
        ManagementPort is { } port ? new($"http://{User}:{Password}@{Host}:{port.ToString(CultureInfo.InvariantCulture)}") : null;

    /// <summary>Node folder: HOME, mnesia/, log/, console.log.</summary>
    public string DataDirectory => _directory.Path;

    internal IRabbitMqAdmin Admin => _admin;

    public static Task<LocalRabbitMq> StartAsync(CancellationToken ct = default) => StartAsync(management: false, ct);

    internal static async Task<LocalRabbitMq> StartAsync(bool management, CancellationToken ct)
    {
        if (!RabbitMqRecipe.IsInstalled || (!management && !File.Exists(Binaries.RabbitMqCtl)))
        {
            throw new ServerStartException("rabbitmq-server (with epmd and rabbitmqctl) is not installed. " + InstallHint.Command);
        }

        var directory = ServerDirectory.Create("rabbitmq");
        var rabbit = new LocalRabbitMq(directory, FreePorts.Take(4), management);
        try
        {
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
        return RabbitMqRecipe.AmqpUri(Port, name);
    }

    /// <summary>Starts the node again with the same name, ports and mnesia folder (durable queues survive).</summary>
    public Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_node.IsRunning)
        {
            throw new InvalidOperationException("RabbitMQ is already running.");
        }

        // The node's script waits until epmd listens.
        if (!_epmd.IsRunning)
        {
            _epmd.Start(RabbitMqRecipe.Epmd(_directory.Path, EpmdPort));
        }

        IHealthCheck[] checks = _management is null ? [RabbitMqRecipe.Readiness(AmqpUri)] : [RabbitMqRecipe.Readiness(AmqpUri), _management];
        return _node.StartAsync(
            RabbitMqRecipe.Run(_directory.Path, Port, DistributionPort, EpmdPort, ManagementPort),
            $"RabbitMQ node {NodeName} (AMQP port {Port})",
            StartTimeout,
            [_node.LogFile, "log", _epmd.LogFile],
            ct,
            checks);
    }

    /// <summary>A graceful stop (SIGTERM to the VM); epmd keeps running.</summary>
    public Task StopAsync() => _node.StopAsync("TERM", TimeSpan.FromSeconds(30));

    /// <summary>kill -9 of the Erlang VM (beam.smp), like a crash; epmd keeps running as it would on a real host.</summary>
    public Task KillAsync() => _node.KillAsync();

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _node.Dispose();
            _epmd.Dispose();
            _management?.Dispose();
            _directory.Delete();
        }

        return ValueTask.CompletedTask;
    }
}
