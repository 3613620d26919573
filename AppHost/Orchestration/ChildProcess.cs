using System.Diagnostics;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// A process the AppHost starts through setsid, so that it leads a session of its own: Ctrl+C in the terminal does
/// not reach it (the AppHost stops children in order), and everything it spawns (RabbitMQ's Erlang VM, PostgreSQL's
/// backends) can be found by session id and killed. setsid execs in place, so <see cref="Pid"/> is the program itself.
/// Every output line goes to <paramref name="onLine"/>; exit is observed through the Exited event, which does not wait
/// for grandchildren that still hold the output pipe.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> s_sessions = new();
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public int Pid { get; private set; }

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(
        string executable,
        IEnumerable<string> arguments,
        Action<string> onLine,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        IEnumerable<string>? removeEnvironment = null)
    {
        var psi = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var key in removeEnvironment ?? [])
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onLine);
        process.Exited += (_, _) => child._exited.TrySetResult(SafeExitCode(process));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }

        child.Pid = process.Id;
        s_sessions[child.Pid] = 0;
        Watchdog.Track(child.Pid);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new System.Text.StringBuilder();
        using var child = Start(executable, arguments, line => { lock (output) { output.AppendLine(line); } }, environment);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            var code = await child.Exited.WaitAsync(cts.Token);
            await Task.Delay(20, CancellationToken.None); // the last lines arrive just after the exit
            lock (output)
            {
                return (code, output.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            child.KillSession();
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"{executable} did not finish within {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Kills what is left of every session the AppHost ever started (at the end of a run, whatever happened).</summary>
    public static void KillAllSessions() => Posix.KillSessions(s_sessions.Keys);

    public void Signal(int signal) => Posix.Signal(Pid, signal);

    /// <summary>SIGKILL to every process of the child's session.</summary>
    public void KillSession() => Posix.KillSessions([Pid]);

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the whole session.</summary>
    public async Task StopAsync(int signal, TimeSpan grace, int? signalTarget = null)
    {
        if (!HasExited)
        {
            Posix.Signal(signalTarget ?? Pid, signal);
            try
            {
                await Exited.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
            }
        }

        KillSession();
        await Posix.WaitUntilAsync(() => HasExited && Posix.SessionMembers(Pid).Count == 0, TimeSpan.FromSeconds(3));
    }

    public void Dispose() => _process.Dispose();

    private static void Forward(string? line, Action<string> onLine)
    {
        if (line is not null)
        {
            onLine(line);
        }
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
