using System.Diagnostics;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>
/// A server process started in the background, stdin from /dev/null and output appended to a log file.
/// The output goes to a file rather than a pipe so that no grandchild holding the pipe open can block us.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly long _logStart;

    private ChildProcess(Process process, string logPath, long logStart)
    {
        _process = process;
        LogPath = logPath;
        _logStart = logStart;
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(
        string executable,
        IEnumerable<string> arguments,
        string logPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var logStart = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >>\"$CHAMPION_CHILD_LOG\" 2>&1");
        psi.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        psi.Environment["CHAMPION_CHILD_LOG"] = logPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new ChildProcess(process, logPath, logStart);
    }

    /// <summary>Runs a command to completion; returns its exit code and combined output (also appended to the log).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string logPath,
        TimeSpan timeout,
        CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var child = Start(executable, arguments, logPath, environment);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await child._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"{executable} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (child._process.ExitCode, await child.OutputSinceStartAsync(ct));
    }

    /// <summary>What this process (and nothing before it) has written to the log so far.</summary>
    public async Task<string> OutputSinceStartAsync(CancellationToken ct = default)
    {
        await using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(_logStart, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>kill -9 of the process itself.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Signal(string signal) => Posix.Signal(signal, Pid);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _process.Dispose();
}
