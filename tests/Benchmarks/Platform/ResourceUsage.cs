namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>CPU milliseconds of every platform process (services and servers, each with its process tree) between two moments.</summary>
internal sealed class ResourceUsage
{
    private readonly IReadOnlyDictionary<string, int> _pids;
    private readonly Dictionary<string, double> _start;

    public ResourceUsage(PlatformRun platform)
    {
        _pids = platform.Pids();
        _start = _pids.ToDictionary(p => p.Key, p => ProcessStats.CpuMilliseconds(p.Value));
    }

    public double CpuMillisecondsSinceStart() => _pids.Sum(p => ProcessStats.CpuMilliseconds(p.Value) - _start[p.Key]);

    public IReadOnlyDictionary<string, double> PeakRssMiB() => _pids.ToDictionary(p => p.Key, p => ProcessStats.PeakRssMiB(p.Value));
}
