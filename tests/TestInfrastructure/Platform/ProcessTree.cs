using System.Globalization;

namespace ChampionNetwork.TestInfrastructure.Platform;

/// <summary>Processes by /proc: a process's descendants, and whether one of them is still there.</summary>
public static class ProcessTree
{
    public sealed record Entry(int Pid, string StartTime, string CommandLine);

    /// <summary>Every process on the machine.</summary>
    public static IReadOnlyList<Entry> All() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: Stat(pid)))
            .Where(x => x.Stat is { State: not 'Z' })
            .Select(x => new Entry(x.Pid, x.Stat!.Value.StartTime, CommandLine(x.Pid)))];

    /// <summary>The direct children of <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> Children(int parent) =>
        [.. All().Where(p => Stat(p.Pid) is { } stat && stat.ParentPid == parent).Select(p => p.Pid)];

    public static IReadOnlyList<Entry> Descendants(int root)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: Stat(pid)))
            .Where(x => x.Stat is not null)
            .ToList();
        var children = all.ToLookup(x => x.Stat!.Value.ParentPid, x => x.Pid);
        var result = new List<Entry>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                if (Stat(child) is { } stat)
                {
                    result.Add(new Entry(child, stat.StartTime, CommandLine(child)));
                }

                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>True if the very same process (same pid and start time) is still alive.</summary>
    public static bool StillAlive(Entry entry) => Stat(entry.Pid) is { State: not 'Z' } stat && stat.StartTime == entry.StartTime;

    private static (char State, int ParentPid, string StartTime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[19]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
