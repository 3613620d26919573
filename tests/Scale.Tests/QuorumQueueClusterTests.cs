using System.Collections.Concurrent;
using System.Diagnostics;
using ChampionNetwork.Messaging.Bus;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ChampionNetwork.Scale.Tests;

/// <summary>One message of the load; its id is what is counted.</summary>
public sealed record ScaleProbe(Guid Id, int Sequence);

/// <summary>Records every id it consumes (duplicates allowed: delivery is at least once).</summary>
public sealed class ScaleProbeConsumer(ConsumedProbes consumed) : IConsumer<ScaleProbe>
{
    public Task Consume(ConsumeContext<ScaleProbe> context)
    {
        consumed.Add(context.Message.Id);
        return Task.CompletedTask;
    }
}

public sealed class ConsumedProbes
{
    readonly ConcurrentDictionary<Guid, int> _ids = new();
    long _deliveries;

    public void Add(Guid id)
    {
        _ids.AddOrUpdate(id, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _deliveries);
    }

    public bool Contains(Guid id) => _ids.ContainsKey(id);
    public int Distinct => _ids.Count;
    public long Deliveries => Interlocked.Read(ref _deliveries);
}

/// <summary>
/// Issue 16 part 2: with <c>Messaging:QuorumQueues=3</c> every receive endpoint is a quorum queue on a 3-node cluster
/// (three rabbitmq-server nodes on this machine, infra/servers/rabbitmq-cluster.sh). Under load, with publisher
/// confirms on, the node that leads the queue, and that both the publisher and the consumer are connected to, is
/// killed with SIGKILL. Every message whose publish was confirmed must be consumed (at least once; distinct ids are
/// counted), and publishing and consuming must go on through the surviving nodes.
/// </summary>
public sealed class QuorumQueueClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string QueueName = "scale-probe";
    readonly string _dir = Path.Combine(Path.GetTempPath(), "championnetwork-scale-" + Guid.NewGuid().ToString("N")[..8]);
    string _script = "";

    public Task InitializeAsync()
    {
        _script = Path.Combine(Repository.Root, "infra", "servers", "rabbitmq-cluster.sh");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Repository.RunAsync("bash", [_script, "stop", _dir], TimeSpan.FromSeconds(60));
        }
        finally
        {
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task No_confirmed_message_is_lost_when_the_queue_leader_is_killed_under_load()
    {
        // Never a skip: test.sh installs rabbitmq-server; without it this is a failure naming the install command.
        Assert.True(File.Exists(ChampionNetwork.LocalServers.Binaries.RabbitMqServer),
            "rabbitmq-server is not installed: " + ChampionNetwork.LocalServers.Binaries.InstallCommand);

        var started = Stopwatch.StartNew();
        var (rc, _, err) = await Repository.RunAsync("bash", [_script, "start", _dir, "3"], TimeSpan.FromMinutes(4));
        Assert.True(rc == 0, "the 3-node cluster did not start: " + err);
        var env = File.ReadAllLines(Path.Combine(_dir, "env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'));
        var ports = env["RABBITMQ_CLUSTER_PORTS"].Split(' ').Select(int.Parse).ToArray();
        var nodes = env["RABBITMQ_CLUSTER_NODES"].Split(' ');
        var pids = env["RABBITMQ_CLUSTER_PIDS"].Split(' ').Select(int.Parse).ToArray();
        output.WriteLine($"cluster of {nodes.Length} up in {started.Elapsed.TotalSeconds:F1} s: {string.Join(", ", nodes)}");

        var consumed = new ConsumedProbes();
        using var consumer = BuildHost(ports, services => services.AddSingleton(consumed), withConsumer: true);
        using var publisher = BuildHost(ports, _ => { }, withConsumer: false);
        await consumer.StartAsync();
        await publisher.StartAsync();
        await WaitHealthyAsync(consumer, TimeSpan.FromSeconds(60));
        await WaitHealthyAsync(publisher, TimeSpan.FromSeconds(60));

        // The option took effect, and where the queue's leader is.
        var (type, leader) = await QueueTypeAndLeaderAsync(nodes, ports, alive: [true, true, true]);
        Assert.Equal("quorum", type);
        var victim = Array.IndexOf(nodes, leader);
        Assert.True(victim >= 0, $"the leader '{leader}' is not one of {string.Join(", ", nodes)}");
        output.WriteLine($"queue {QueueName}: {type}, leader {leader}");

        var confirmed = new ConcurrentDictionary<Guid, long>();
        var failed = 0;
        var sequence = 0;
        var killedAt = -1L;
        var clock = Stopwatch.StartNew();
        var bus = publisher.Services.GetRequiredService<IBus>();
        var loadFor = TimeSpan.FromSeconds(14);

        async Task PublishLoop()
        {
            while (clock.Elapsed < loadFor)
            {
                var probe = new ScaleProbe(Guid.NewGuid(), Interlocked.Increment(ref sequence));
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await bus.Publish(probe, timeout.Token);
                    confirmed[probe.Id] = clock.ElapsedMilliseconds;
                }
                catch (Exception) when (clock.Elapsed < loadFor + TimeSpan.FromSeconds(15))
                {
                    // Not confirmed: the message may or may not be there; it is not counted. Back off a little.
                    Interlocked.Increment(ref failed);
                    await Task.Delay(100);
                }
            }
        }

        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(PublishLoop)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(4));
        var beforeKill = (Confirmed: confirmed.Count, Consumed: consumed.Distinct);
        Process.GetProcessById(pids[victim]).Kill(); // SIGKILL: no goodbye to the cluster or the clients
        killedAt = clock.ElapsedMilliseconds;
        output.WriteLine($"killed {nodes[victim]} (pid {pids[victim]}) at {killedAt} ms; confirmed {beforeKill.Confirmed}, consumed {beforeKill.Consumed}");
        await Task.WhenAll(load);

        var confirmedAfterKill = confirmed.Count(kv => kv.Value > killedAt);
        output.WriteLine($"load over at {clock.ElapsedMilliseconds} ms: confirmed {confirmed.Count} ({confirmedAfterKill} after the kill), not confirmed {failed}");

        // Every confirmed message arrives; the consumer has up to a minute to drain the queue.
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(60) && confirmed.Keys.Any(id => !consumed.Contains(id)))
        {
            await Task.Delay(250);
        }

        var missing = confirmed.Keys.Where(id => !consumed.Contains(id)).ToList();
        output.WriteLine($"consumed {consumed.Distinct} distinct ids in {consumed.Deliveries} deliveries; missing {missing.Count}; drained in {drain.Elapsed.TotalSeconds:F1} s");
        var (typeAfter, leaderAfter) = await QueueTypeAndLeaderAsync(nodes, ports, alive: [.. Enumerable.Range(0, nodes.Length).Select(i => i != victim)]);
        output.WriteLine($"queue {QueueName} after the kill: {typeAfter}, leader {leaderAfter}; total {started.Elapsed.TotalSeconds:F1} s");

        Assert.Empty(missing);
        Assert.True(beforeKill.Confirmed > 100, $"too little load before the kill ({beforeKill.Confirmed} confirmed)");
        Assert.True(confirmedAfterKill > 100, $"publishing did not carry on after the kill ({confirmedAfterKill} confirmed after it)");
        Assert.True(consumed.Distinct > beforeKill.Consumed + 100, "consuming did not carry on after the kill");
        Assert.NotEqual(nodes[victim], leaderAfter);
    }

    IHost BuildHost(int[] ports, Action<IServiceCollection> services, bool withConsumer)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            // Both start on the first node, where the queue's leader will be (client-local placement) and which is
            // the one killed: the clients must fail over to the other nodes as well.
            ["ConnectionStrings:eventbus"] = $"amqp://guest:guest@127.0.0.1:{ports[0]}/",
            ["Messaging:QuorumQueues"] = "3",
            ["Messaging:PrefetchCount"] = "32",
        };
        for (var i = 0; i < ports.Length; i++)
        {
            settings[$"Messaging:ClusterNodes:{i}"] = $"127.0.0.1:{ports[i]}";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        services(builder.Services);
        builder.AddChampionMessaging("eventbus", withConsumer ? [typeof(ScaleProbeConsumer).Assembly] : []);
        return builder.Build();
    }

    static async Task WaitHealthyAsync(IHost host, TimeSpan timeout)
    {
        var bus = host.Services.GetRequiredService<IBusControl>();
        var clock = Stopwatch.StartNew();
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            Assert.True(clock.Elapsed < timeout, "the bus was not healthy within " + timeout);
            await Task.Delay(200);
        }
    }

    /// <summary>rabbitmqctl list_queues on a live node: the queue's type and leader.</summary>
    async Task<(string Type, string Leader)> QueueTypeAndLeaderAsync(string[] nodes, int[] ports, bool[] alive)
    {
        var ask = Array.FindIndex(alive, a => a);
        var nodeDir = Path.Combine(_dir, "node" + (ask + 1));
        var epmd = File.ReadAllLines(Path.Combine(_dir, "env")).First(l => l.StartsWith("RABBITMQ_CLUSTER_EPMD_PORT=")).Split('=')[1];
        // The leader can take a few seconds to be elected after a kill.
        for (var attempt = 0; ; attempt++)
        {
            var (rc, stdout, stderr) = await Repository.RunAsync("env",
                [$"HOME={nodeDir}", $"ERL_EPMD_PORT={epmd}", $"RABBITMQ_CONF_ENV_FILE={nodeDir}/rabbitmq-env.conf",
                 ChampionNetwork.LocalServers.Binaries.RabbitMqCtl, "-n", nodes[ask], "-q", "list_queues", "name", "type", "leader"],
                TimeSpan.FromSeconds(60));
            var row = stdout.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(c => c.Length >= 3 && c[0] == QueueName);
            if (rc == 0 && row is not null && row[2].Trim().Length > 0 && alive[Array.IndexOf(nodes, row[2].Trim()) is var i && i >= 0 ? i : 0])
            {
                return (row[1].Trim(), row[2].Trim());
            }

            Assert.True(attempt < 30, $"list_queues on {nodes[ask]} gave no leader for {QueueName}: rc {rc} {stdout} {stderr}");
            await Task.Delay(1000);
        }
    }
}
