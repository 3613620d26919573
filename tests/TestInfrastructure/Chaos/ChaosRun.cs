using ChampionNetwork.TestInfrastructure.Platform;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>
/// The fault-injection run shared by Resilience.Tests and the <c>chaos</c> benchmark: the real platform under the
/// AppHost (<see cref="PlatformHost"/>, demo seeder off), <c>submissions</c> split into one phase per fault plus a last
/// calm one; in each faulty phase the fault's process is killed with SIGKILL once a third of the phase is sent, and the
/// AppHost's restart policy starts it again. Then every acknowledged submission must be stored exactly once in surveysdb
/// and counted exactly once in the Scotland feed, and no process of the run may outlive it.
/// </summary>
public sealed partial class ChaosRun(ChaosOptions options, ILogger logger)
{
    public static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public async Task<ChaosResult> RunAsync(CancellationToken ct)
    {
        var settings = new Dictionary<string, string>(options.Settings) { ["DemoSeed:Enabled"] = "false" };
        var platform = await PlatformHost.StartAsync(new PlatformHostOptions { Settings = settings }, ct);
        var seen = new SeenProcesses();
        ChaosResult result;
        try
        {
            result = await RunOnAsync(platform, seen, ct);
        }
        finally
        {
            seen.Add(platform.Processes());
            await platform.DisposeAsync();
        }

        var left = seen.StillAlive();
        return left.Count == 0
            ? result
            : result with { Problems = [.. result.Problems, "left behind after the platform stopped: " + string.Join(", ", left.Select(p => $"{p.Pid} {p.CommandLine}"))] };
    }

    private async Task<ChaosResult> RunOnAsync(PlatformHost platform, SeenProcesses seen, CancellationToken ct)
    {
        var clock = options.Clock;
        await platform.WaitUntilHealthyAsync(PlatformHostOptions.Resources, options.StartTimeout, ct);
        seen.Add(platform.Processes());
        LogHealthy(logger, platform.DataDirectory);

        using var load = new LoadGenerator(platform.Endpoint("surveys-api"), platform.SigningKey, DemoCampaign, options.Clients, clock) { RetryBudget = options.RetryBudget };
        var recoveries = new List<Recovery>();
        var started = clock.GetTimestamp();
        var phases = options.Faults.Count + 1;
        for (var phase = 0; phase < phases; phase++)
        {
            var count = (options.Submissions / phases) + (phase == phases - 1 ? options.Submissions % phases : 0);
            var before = load.Submissions.Count;
            var sending = load.SendAsync(count, ct);
            if (phase < options.Faults.Count)
            {
                while (load.Submissions.Count < before + (count / 3) && !sending.IsCompleted)
                {
                    await Task.Delay(50, ct);
                }

                recoveries.Add(await InjectAsync(platform, load, options.Faults[phase], sending, ct));
                seen.Add(platform.Processes());
            }

            await sending;
        }

        var duration = clock.GetElapsedTime(started);
        var submissions = load.Submissions.ToList();
        var (stored, feed, problems) = await VerifyAsync(platform, submissions, ct);
        return new ChaosResult(submissions, recoveries, stored, feed, duration, new Dictionary<string, int>(load.FailedAttempts), problems);
    }

    private async Task<Recovery> InjectAsync(PlatformHost platform, LoadGenerator load, Fault fault, Task sending, CancellationToken ct)
    {
        var restarts = platform.Restarts(fault.Resource);
        var pid = await platform.PidAsync(fault.Resource, ct);
        var process = ProcessTree.All().SingleOrDefault(p => p.Pid == pid);
        if (process is null || !process.CommandLine.Contains(fault.Process, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{fault.Resource}'s pid {pid} is not {fault.Process}: {process?.CommandLine ?? "no such process"}");
        }

        var killedAt = load.Elapsed;
        using (var victim = System.Diagnostics.Process.GetProcessById(pid))
        {
            // SIGKILL on Linux.
            victim.Kill();
        }

        LogKilled(logger, fault.Name, pid);
        await WaitRestartedAsync(platform, fault.Resource, restarts, ct);
        var left = options.RecoveryTimeout - (load.Elapsed - killedAt);
        await platform.WaitUntilHealthyAsync(PlatformHostOptions.Resources, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), ct);
        var healthy = load.Elapsed - killedAt;

        // Accepting again: a 202 that came back after the platform was healthy (a probe of our own if the phase is over).
        var deadline = load.Elapsed + options.RecoveryTimeout;
        var healthyAt = killedAt + healthy;
        while (!load.Submissions.Any(s => s.Outcome == Outcome.Accepted && s.FinishedAt >= healthyAt))
        {
            if (load.Elapsed > deadline)
            {
                throw new TimeoutException($"No submission accepted within {options.RecoveryTimeout.TotalSeconds:0} s after {fault.Name} recovered ({platform.Describe()}).");
            }

            if (sending.IsCompleted)
            {
                await load.SendAsync(1, ct);
            }
            else
            {
                await Task.Delay(50, ct);
            }
        }

        var accepting = load.Submissions.Where(s => s.Outcome == Outcome.Accepted && s.FinishedAt >= healthyAt).Min(s => s.FinishedAt) - killedAt;
        LogRecovered(logger, fault.Name, platform.Restarts(fault.Resource), healthy.TotalSeconds, accepting.TotalSeconds);
        return new Recovery(fault, pid, healthy, accepting);
    }

    /// <summary>Until the AppHost has brought the resource back to Running once more than before the kill.</summary>
    private async Task WaitRestartedAsync(PlatformHost platform, string resource, int restartsBefore, CancellationToken ct)
    {
        var waiting = options.Clock.GetTimestamp();
        while (platform.Restarts(resource) <= restartsBefore)
        {
            if (options.Clock.GetElapsedTime(waiting) > options.RecoveryTimeout)
            {
                throw new TimeoutException($"The AppHost did not restart {resource} within {options.RecoveryTimeout.TotalSeconds:0} s ({platform.Describe()}).");
            }

            await Task.Delay(100, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform healthy (data in {DataDirectory})")]
    private static partial void LogHealthy(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kill -9 {Fault} (pid {Pid})")]
    private static partial void LogKilled(ILogger logger, string fault, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Fault}: restarted by the AppHost (restarts {Restarts}), healthy again after {HealthySeconds:0.0} s, accepting after {AcceptingSeconds:0.0} s")]
    private static partial void LogRecovered(ILogger logger, string fault, int restarts, double healthySeconds, double acceptingSeconds);
}
