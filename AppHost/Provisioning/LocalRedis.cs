using System.Globalization;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>redis-server with AOF on (appendfsync everysec, no RDB snapshots); data in .apphost/{name}/.</summary>
internal sealed class LocalRedis : IServerInstance
{
    private readonly ChildProcess _process;

    private LocalRedis(ChildProcess process, string connectionString, int port)
    {
        _process = process;
        ConnectionString = connectionString;
        Endpoint = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public ProvisioningSource Source => ProvisioningSource.LocalBinary;

    public string ConnectionString { get; }

    public string Endpoint { get; }

    public int? Pid => _process.Pid;

    public IReadOnlyCollection<int> Sessions => [_process.Pid];

    public Task Exited => _process.Exited;

    public static async Task<IServerInstance> StartAsync(RedisResource resource, ServerContext context, CancellationToken ct)
    {
        var binary = Binaries.RedisServer ?? throw ProvisioningException.NotInstalled(resource.Name, resource.DebianPackage);
        var port = FreePorts.Sticky(Path.Combine(context.Directory, "port"));
        var process = ChildProcess.Start(
            binary,
            [
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", context.Directory,
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", string.Empty,
                "--daemonize", "no",
                "--logfile", string.Empty,
            ],
            context.OnLine);
        var redis = new LocalRedis(process, resource.ConnectionStringFor("127.0.0.1", port, null), port);
        try
        {
            await Readiness.WaitAsync(resource.Name, t => ServerProbes.RedisPingAsync(redis.ConnectionString, t), process, TimeSpan.FromSeconds(30), ct);
            return redis;
        }
        catch
        {
            await redis.StopAsync();
            throw;
        }
    }

    /// <summary>SIGTERM: redis flushes the AOF and exits.</summary>
    public Task StopAsync() => _process.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(3));
}
