using System.Diagnostics;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>
/// Each server folder holds cleanup.sh, which kills every server pid recorded in run/*.pid (and a postmaster's
/// backends) and deletes the folder. It runs detached, so it finishes even if the test process is gone:
/// at a normal exit (<see cref="CleanUpDetached"/>: vstest kills testhost about 100 ms after the run, too soon for
/// graceful stops), or from the watchdog, a detached shell that polls this process once a second and cleans up when
/// the process died without running its exit handlers (kill -9, a killed testhost). A normal dispose deletes the
/// folder itself, and the watchdog then ends by itself.
/// </summary>
internal static class Watchdog
{
    // A postmaster's backends are killed with it (each leads a process group of its own, so a group kill would miss
    // them), but only if the pid in postmaster.pid is still a postmaster of this folder: a stale pid may belong to
    // someone else by now. That comes first: once the postmaster is killed its cmdline can no longer be checked.
    private const string CleanupScript = """
        #!/bin/sh
        D="$(cd "$(dirname "$0")" && pwd)"
        if [ -f "$D/data/postmaster.pid" ]; then
          pid="$(head -n 1 "$D/data/postmaster.pid")"
          if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$D/data"; then
            kill -9 "$pid" $(ps -o pid= --ppid "$pid") 2>/dev/null
          fi
        fi
        for f in "$D"/run/*.pid; do
          [ -f "$f" ] && kill -9 "$(head -n 1 "$f")" 2>/dev/null
        done
        sleep 0.2
        rm -rf "$D"

        """;

    // Closes the inherited stdio first: testhost's stdout is a pipe that vstest reads to its end.
    private const string Loop = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
        if [ -d "$2" ]; then sh "$2/cleanup.sh"; fi
        """;

    public static void Guard(ServerDirectory directory)
    {
        File.WriteAllText(directory.File("cleanup.sh"), CleanupScript);
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        psi.ArgumentList.Add("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Loop);
        psi.ArgumentList.Add("champion-watchdog");
        psi.ArgumentList.Add(Posix.CurrentPid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(directory.Path);
        using var process = Process.Start(psi);
    }

    /// <summary>Starts cleanup.sh detached and returns at once: safe inside ProcessExit.</summary>
    public static void CleanUpDetached(ServerDirectory directory)
    {
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        psi.ArgumentList.Add("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec sh \"$0\" </dev/null >/dev/null 2>&1");
        psi.ArgumentList.Add(directory.File("cleanup.sh"));
        using var process = Process.Start(psi);
    }
}
