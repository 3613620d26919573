using ChampionNetwork.LocalServers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>
/// One server run from its recipe (infra/servers), in the foreground as our child: the recipe execs the server, so
/// the child's pid is the server's. The pid is kept in run/{name}.pid for the folder's cleanup.sh.
/// </summary>
internal sealed class ServerProcess(ServerDirectory directory, string name, string logFile)
{
    private ChildProcess? _child;

    public bool IsRunning => _child is { HasExited: false };

    public bool HasExited => _child is not { HasExited: false };

    public string LogFile => logFile;

    public void Start(ServerCommand command)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{name} in {directory.Path} is already running.");
        }

        _child?.Dispose();
        _child = ChildProcess.Start(command.Executable, command.Arguments, directory.File(logFile));
        directory.WritePid(name, _child.Pid);
    }

    /// <summary>Starts the server and waits until every check is Healthy; fails early, with the log tail, if it exits.</summary>
    public async Task StartAsync(ServerCommand command, string what, TimeSpan timeout, string[] logs, CancellationToken ct, params IHealthCheck[] checks)
    {
        Start(command);
        await Readiness.WaitAsync(what, _child!, () => directory.Tail(logs), timeout, ct, checks);
    }

    /// <summary>What the last start has written to the log.</summary>
    public Task<string> OutputSinceStartAsync() => _child?.OutputSinceStartAsync() ?? Task.FromResult(string.Empty);

    /// <summary>
    /// kill -9 of the server, and with <paramref name="withChildren"/> of the processes it forked at the same moment
    /// (a postmaster's backends, which each lead a process group of their own, so no group kill reaches them).
    /// </summary>
    public async Task KillAsync(bool withChildren = false)
    {
        // Once reaped, the pid may be someone else's: neither it nor its children are ours any more.
        if (_child is not { HasExited: false } child)
        {
            directory.DeletePid(name);
            return;
        }

        var forked = withChildren ? Posix.Children(child.Pid) : [];
        child.Kill();
        if (forked.Length > 0)
        {
            Posix.Signal("KILL", forked);
        }

        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await Posix.WaitUntilAsync(() => !forked.Any(Posix.IsAlive), TimeSpan.FromSeconds(10));
        directory.DeletePid(name);
    }

    /// <summary>Sends <paramref name="signal"/> (the server's graceful stop) and waits; kill -9 after <paramref name="grace"/>.</summary>
    public async Task StopAsync(string signal, TimeSpan grace)
    {
        if (_child is not { HasExited: false } child)
        {
            return;
        }

        child.Signal(signal);
        if (!await child.WaitForExitAsync(grace))
        {
            await KillAsync(withChildren: true);
        }

        directory.DeletePid(name);
    }

    /// <summary>Nothing to shut down gracefully: the folder is deleted next.</summary>
    public void Dispose()
    {
        if (_child is null)
        {
            return;
        }

        KillAsync(withChildren: true).GetAwaiter().GetResult();
        _child.Dispose();
        _child = null;
    }
}
