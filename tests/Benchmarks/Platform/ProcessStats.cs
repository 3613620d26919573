using System.Globalization;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>CPU time (utime + stime from /proc/{pid}/stat) and peak RSS (VmHWM) of a process and its descendants.</summary>
internal static class ProcessStats
{
    private static readonly double TicksPerMs = 100.0 / 1000.0; // USER_HZ is 100 on Linux

    public static double CpuMilliseconds(int root) => Tree(root).Sum(pid => Stat(pid) is { } s ? (s.Utime + s.Stime) / TicksPerMs : 0);

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

    private static (long Utime, long Stime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
