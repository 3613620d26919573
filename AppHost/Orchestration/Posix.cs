using System.Globalization;
using System.Runtime.InteropServices;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>Linux process helpers: kill(2) through libc and the process table through /proc.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsRoot { get; } = ReadEffectiveUid() == 0;

    /// <summary>Sends <paramref name="signal"/> to a pid; errors (no such process) are ignored.</summary>
    public static void Signal(int pid, int signal)
    {
        if (pid > 1)
        {
            _ = Kill(pid, signal);
        }
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => ReadStat(pid) is { State: not 'Z' };

    /// <summary>Every live process of session <paramref name="sessionId"/> (a child started with setsid leads its own).</summary>
    public static IReadOnlyList<int> SessionMembers(int sessionId) =>
        AllPids().Where(pid => ReadStat(pid) is { State: not 'Z' } s && s.Session == sessionId).ToList();

    /// <summary>Every live descendant of <paramref name="pid"/> (children, grandchildren...).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = AllPids()
            .Select(p => (Pid: p, Stat: ReadStat(p)))
            .Where(x => x.Stat is { State: not 'Z' })
            .ToLookup(x => x.Stat!.Value.ParentPid, x => x.Pid);
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            foreach (var child in parents[queue.Dequeue()])
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>
    /// SIGKILL to every process of each session, and to every descendant of a leader that still leads it (one that
    /// left the session, a daemon, is found that way). A leader pid that was reused by another process is not followed.
    /// </summary>
    public static void KillSessions(IEnumerable<int> sessionIds)
    {
        foreach (var sid in sessionIds.Distinct())
        {
            var leaderAlive = ReadStat(sid) is { State: not 'Z' } leader && leader.Session == sid;
            var descendants = leaderAlive ? Descendants(sid) : [];
            foreach (var pid in SessionMembers(sid).Concat(descendants).Distinct())
            {
                Signal(pid, SigKill);
            }
        }
    }

    public static int? ReadPidFile(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(first?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(50, ct);
        }

        return true;
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static (char State, int ParentPid, int Group, int Session)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) S ppid pgrp session ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    private static int ReadEffectiveUid()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } ? int.Parse(fields[2], CultureInfo.InvariantCulture) : 1;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
