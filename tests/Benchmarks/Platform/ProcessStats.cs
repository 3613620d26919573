using System.Globalization;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// CPU time and peak RSS (VmHWM) of a process and its descendants. CPU is utime + stime of every live process in the
/// tree plus cutime + cstime, the CPU of children that have exited and been waited for: PostgreSQL's backends and
/// autovacuum workers come and go during a run, and without it their work would vanish from the sum when they exit.
/// </summary>
internal static class ProcessStats
{
    private static readonly double TicksPerMs = 100.0 / 1000.0; // USER_HZ is 100 on Linux

    public static double CpuMilliseconds(int root) => Tree(root).Sum(pid => Stat(pid) is { } s ? (s.Utime + s.Stime + s.Cutime + s.Cstime) / TicksPerMs : 0);

    /// <summary>Peak RSS in MiB: the largest process's VmHWM plus the others' (a fair upper bound for a tree).</summary>
    public static double PeakRssMiB(int root) => Tree(root).Sum(PeakRssKiB) / 1024.0;

    public static IReadOnlyList<int> Tree(int root) => [root, .. ProcessTree.Descendants(root).Select(p => p.Pid)];

    private static long PeakRssKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static (long Utime, long Stime, long Cutime, long Cstime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture), long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
