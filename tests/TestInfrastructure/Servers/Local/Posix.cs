using System.Diagnostics;
using System.Globalization;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>Small Linux process helpers (no P/Invoke: /proc and the kill command suffice).</summary>
internal static class Posix
{
    public static bool IsRoot { get; } = ReadEffectiveUid() == 0;

    public static int CurrentPid { get; } = Environment.ProcessId;

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var state = ReadStat(pid);
        return state is not null && state.Value.State != 'Z';
    }

    /// <summary>True while any live process belongs to process group <paramref name="pgid"/>.</summary>
    public static bool GroupAlive(int pgid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = ReadStat(pid);
            if (stat is { State: not 'Z' } s && s.ProcessGroup == pgid)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sends a signal by name (KILL, TERM) to a pid, or to a process group when <paramref name="group"/> is set. Errors are ignored.</summary>
    public static void Signal(int pid, string signal, bool group = false)
    {
        var target = group ? "-" + pid.ToString(CultureInfo.InvariantCulture) : pid.ToString(CultureInfo.InvariantCulture);
        var psi = new ProcessStartInfo("kill")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-s");
        psi.ArgumentList.Add(signal);
        psi.ArgumentList.Add("--");
        psi.ArgumentList.Add(target);
        try
        {
            using var process = Process.Start(psi);
            process?.WaitForExit(5_000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the process may be gone already.
        }
    }

    /// <summary>Waits until <paramref name="isGone"/> holds or the timeout passes; returns whether it holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> isGone, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!isGone())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, ct);
        }

        return true;
    }

    public static int? ReadPidFile(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(first?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (char State, int ProcessGroup)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    private static int ReadEffectiveUid()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: >= 3 })
            {
                return int.Parse(fields[2], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }

        return Environment.UserName == "root" ? 0 : 1;
    }
}
