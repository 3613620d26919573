using System.Diagnostics;
using System.Globalization;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// Covers the one exit the AppHost cannot handle itself: being killed (kill -9, OOM). Every session the AppHost
/// starts is appended to {data}/run/sessions; a detached shell polls the AppHost once a second and, if it disappears
/// while that file still exists, kills every process of those sessions (pkill -s). A clean stop deletes the file
/// and then ends the watchdog.
/// </summary>
internal static class Watchdog
{
    private const string Loop = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        if [ -f "$2" ]; then
          sids="$(tr '\n' ',' < "$2" | sed 's/,$//')"
          [ -n "$sids" ] && pkill -KILL -s "$sids"
          rm -f "$2"
        fi
        """;

    private static string? s_sessionsFile;
    private static readonly Lock Gate = new();
    private static int? s_pid;

    public static void Start(string dataDirectory)
    {
        var run = Directory.CreateDirectory(Path.Combine(dataDirectory, "run")).FullName;
        s_sessionsFile = Path.Combine(run, "sessions");
        File.WriteAllText(s_sessionsFile, string.Empty);
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "/bin/sh", "-c", Loop, "championnetwork-apphost-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), s_sessionsFile })
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi);
        s_pid = process?.Id;
    }

    /// <summary>Records a session the watchdog must end if the AppHost dies.</summary>
    public static void Track(int sessionId)
    {
        if (s_sessionsFile is { } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, sessionId.ToString(CultureInfo.InvariantCulture) + "\n");
            }
        }
    }

    /// <summary>After a clean stop: nothing left to guard.</summary>
    public static void StandDown()
    {
        if (s_sessionsFile is { } file)
        {
            File.Delete(file);
        }

        if (s_pid is { } pid)
        {
            Posix.KillSessions([pid]);
        }
    }
}
