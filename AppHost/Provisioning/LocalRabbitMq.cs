using System.Globalization;
using System.Net.Sockets;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>
/// A RabbitMQ node from Debian's real start script (LOCAL-SERVERS.md), with its own AMQP, distribution and epmd
/// ports, and its own folder as HOME (the Erlang cookie lives there). The node name is fixed ({name}@localhost) so that
/// its mnesia folder, and with it every durable queue, is found again on the next run. We start epmd ourselves, on its
/// own port, so that we own it: otherwise the VM starts a daemonised epmd that outlives everything.
/// </summary>
internal sealed class LocalRabbitMq : IServerInstance
{
    private readonly ChildProcess _epmd;
    private readonly ChildProcess _node;

    private LocalRabbitMq(ChildProcess epmd, ChildProcess node, string connectionString, int port)
    {
        _epmd = epmd;
        _node = node;
        ConnectionString = connectionString;
        Endpoint = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public ProvisioningSource Source => ProvisioningSource.LocalBinary;

    public string ConnectionString { get; }

    public string Endpoint { get; }

    public int? Pid => _node.Pid;

    public IReadOnlyCollection<int> Sessions => [_node.Pid, _epmd.Pid];

    public Task Exited => _node.Exited;

    public static async Task<IServerInstance> StartAsync(RabbitMQServerResource resource, ServerContext context, CancellationToken ct)
    {
        var script = Binaries.RabbitMqServer ?? throw ProvisioningException.NotInstalled(resource.Name, resource.DebianPackage);
        var epmdBinary = Binaries.Epmd ?? throw ProvisioningException.NotInstalled(resource.Name, resource.DebianPackage);
        var dir = context.Directory;
        var port = FreePorts.Sticky(Path.Combine(dir, "port"));
        var distributionPort = FreePorts.Take();
        var epmdPort = FreePorts.Take();
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(dir, "rabbitmq.conf"), string.Empty);
        File.WriteAllText(Path.Combine(dir, "rabbitmq-env.conf"), string.Empty);

        var epmd = ChildProcess.Start(
            epmdBinary,
            ["-port", epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1", "-relaxed_command_check"],
            context.OnLine);
        ChildProcess? node = null;
        try
        {
            // The VM must find epmd listening, or it starts a daemonised one of its own.
            await Readiness.WaitAsync("epmd", t => ConnectAsync(epmdPort, t), epmd, TimeSpan.FromSeconds(10), ct);
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = dir,
                ["RABBITMQ_NODENAME"] = $"{resource.Name}@localhost",
                ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(CultureInfo.InvariantCulture),
                ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
                ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dir, "rabbitmq"),
                ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(dir, "advanced.config"),
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(dir, "rabbitmq-env.conf"),
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
                ["RABBITMQ_PID_FILE"] = Path.Combine(dir, "beam.pid"),
            };
            node = ChildProcess.Start(script, [], context.OnLine, environment, dir);
            var rabbit = new LocalRabbitMq(epmd, node, resource.ConnectionStringFor("127.0.0.1", port, null), port);
            await Readiness.WaitAsync(
                $"{resource.Name} (RabbitMQ; logs in {Path.Combine(dir, "log")})",
                t => ServerProbes.AmqpAsync(new Uri(rabbit.ConnectionString), t),
                node,
                TimeSpan.FromSeconds(90),
                ct);
            return rabbit;
        }
        catch
        {
            if (node is not null)
            {
                await node.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(3));
            }

            await epmd.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(1));
            throw;
        }
    }

    /// <summary>SIGTERM to the start script (it stops the VM gracefully), then epmd; anything left after the grace is killed.</summary>
    public async Task StopAsync()
    {
        await _node.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(4));
        await _epmd.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(1));
    }

    private static async Task ConnectAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, ct);
    }
}
