using System.Collections.Concurrent;

namespace ChampionNetwork.AppHost.Supervision;

/// <summary>Marks a resource that is started again when its process dies with a non-zero exit code.</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;

internal static class RestartOnCrashExtensions
{
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        ResourceWatcher.StartBeforeResources<CrashSupervisor>(resource.ApplicationBuilder);
        return resource.WithAnnotation(new RestartOnCrashAnnotation());
    }
}

/// <summary>
/// The restart policy DCP lacks: a marked resource that exits with a non-zero code (kill -9, a crash) while the AppHost
/// runs is started again through Aspire's own start command, after 1 s, then 2, 4 ... up to 30 s while it keeps dying.
/// A clean exit (a stop from the dashboard, SIGTERM) is left alone.
/// </summary>
internal sealed partial class CrashSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<CrashSupervisor> logger) : ResourceWatcher(notifications, lifetime)
{
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, (int Crashes, DateTimeOffset StartedAt)> _history = new();
    private readonly ConcurrentDictionary<string, byte> _restarting = new();

    protected override void OnChange(ResourceEvent change, CancellationToken stopping)
    {
        if (change.Resource.Annotations.OfType<RestartOnCrashAnnotation>().Any()
            && KnownResourceStates.TerminalStates.Contains(change.Snapshot.State?.Text)
            && change.Snapshot.ExitCode is { } code and not 0
            && _restarting.TryAdd(change.ResourceId, 0))
        {
            _ = RestartAsync(change.Resource.Name, change.ResourceId, code, stopping);
        }
    }

    private async Task RestartAsync(string name, string resourceId, int exitCode, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow();
            var (crashes, startedAt) = _history.GetValueOrDefault(resourceId, (0, now));
            crashes = now - startedAt > Healthy ? 1 : crashes + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, crashes - 1)));
            LogCrashed(name, exitCode, delay.TotalSeconds);
            await Task.Delay(delay, clock, ct);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            _history[resourceId] = (crashes, clock.GetUtcNow());
            if (!result.Success)
            {
                LogRestartFailed(name, result.Message);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _restarting.TryRemove(resourceId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again in {DelaySeconds:0} s")]
    private partial void LogCrashed(string resource, int exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Error}")]
    private partial void LogRestartFailed(string resource, string? error);
}
