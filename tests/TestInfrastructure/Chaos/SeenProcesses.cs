using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>
/// Every process of the platform seen during a run (<see cref="PlatformHost.Processes"/> at each look, last just before
/// it is disposed), so that one orphaned by a kill counts too when checking that nothing outlived the run.
/// </summary>
internal sealed class SeenProcesses
{
    private readonly Dictionary<(int Pid, string StartTime), ProcessTree.Entry> _seen = [];

    public void Add(IEnumerable<ProcessTree.Entry> processes)
    {
        foreach (var process in processes)
        {
            _seen[(process.Pid, process.StartTime)] = process;
        }
    }

    public IReadOnlyList<ProcessTree.Entry> StillAlive() => [.. _seen.Values.Where(ProcessTree.StillAlive)];
}
