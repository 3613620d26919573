using System.Diagnostics;
using System.Globalization;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>Small Linux process helpers (no P/Invoke: /proc and the kill command suffice).</summary>
internal static class Posix
{
    public static int CurrentPid { get; } = Environment.ProcessId;

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => ReadStat(pid) is { State: not 'Z' };

    /// <summary>The live processes whose parent is <paramref name="pid"/>.</summary>
    public static int[] Children(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && ReadStat(candidate) is { State: not 'Z' } stat && stat.Parent == pid)
            {
                children.Add(candidate);
            }
        }

        return [.. children];
    }

    /// <summary>Sends a signal by name (KILL, TERM) to pids. Errors are ignored.</summary>
    public static void Signal(string signal, params int[] pids)
    {
        var psi = new ProcessStartInfo("kill")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-s");
        psi.ArgumentList.Add(signal);
        psi.ArgumentList.Add("--");
        foreach (var pid in pids)
        {
            psi.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

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

    private static (char State, int Parent)? ReadStat(int pid)
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

        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
