using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>CPU milliseconds of every platform process (services and servers, each with its process tree) between two moments.</summary>
internal sealed class ResourceUsage
{
    /// <summary>The two services (the service process, not <c>dotnet run</c>) and the three servers (beam.smp, redis-server, the postmaster).</summary>
    private static readonly string[] Measured = ["surveys-api", "insighthub", "eventbus", "redis", "postgres"];

    private readonly IReadOnlyDictionary<string, int> _pids;
    private readonly Dictionary<string, double> _start;

    private ResourceUsage(IReadOnlyDictionary<string, int> pids)
    {
        _pids = pids;
        _start = _pids.ToDictionary(p => p.Key, p => ProcessStats.CpuMilliseconds(p.Value));
    }

    /// <summary>From now, for <paramref name="resources"/>, or else the services and servers that ingest runs on.</summary>
    public static async Task<ResourceUsage> StartAsync(PlatformHost platform, CancellationToken cancellationToken, IReadOnlyList<string>? resources = null)
    {
        var pids = new Dictionary<string, int>();
        foreach (var resource in resources ?? Measured)
        {
            pids[resource] = await platform.PidAsync(resource, cancellationToken);
        }

        return new ResourceUsage(pids);
    }

    public double CpuMillisecondsSinceStart() => _pids.Sum(p => ProcessStats.CpuMilliseconds(p.Value) - _start[p.Key]);

    /// <summary>Each resource's share of <see cref="CpuMillisecondsSinceStart"/>: where a submission's CPU goes.</summary>
    public IReadOnlyDictionary<string, double> CpuMillisecondsByResourceSinceStart() =>
        _pids.ToDictionary(p => p.Key, p => ProcessStats.CpuMilliseconds(p.Value) - _start[p.Key]);

    public IReadOnlyDictionary<string, double> PeakRssMiB() => _pids.ToDictionary(p => p.Key, p => ProcessStats.PeakRssMiB(p.Value));
}
