using System.Globalization;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>CPU time (utime + stime from /proc/{pid}/stat) and peak RSS (VmHWM) of a process and its descendants.</summary>
internal static class ProcessStats
{
    private static readonly double TicksPerMs = 100.0 / 1000.0; // USER_HZ is 100 on Linux

    public static double CpuMilliseconds(int root) => Tree(root).Sum(pid => Stat(pid) is { } s ? (s.Utime + s.Stime) / TicksPerMs : 0);

    /// <summary>Peak RSS in MiB: the largest process's VmHWM plus the others' (a fair upper bound for a tree).</summary>
    public static double PeakRssMiB(int root) => Tree(root).Sum(PeakRssKiB) / 1024.0;

    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } s)
            {
                if (!parents.TryGetValue(s.Parent, out var list))
                {
                    parents[s.Parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            if (parents.TryGetValue(result[i], out var children))
            {
                result.AddRange(children);
            }
        }

        return result;
    }

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

    private static (int Parent, long Utime, long Stime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
