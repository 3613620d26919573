using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChampionNetwork.AppHost.Supervision;

/// <summary>
/// What a person at the terminal needs, while the dashboard keeps the rest: each resource's state as it changes, its
/// URLs, the warnings and errors its processes log, and once everything is up, the addresses to use.
/// </summary>
internal sealed partial class ResourceConsole(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    DistributedApplicationModel model,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceConsole> logger) : ResourceWatcher(notifications, lifetime)
{
    // Known and harmless: Redis in a container-less sandbox, and EF Core probing a fresh database for its migrations.
    private static readonly string[] Benign = ["Memory overcommit", "__EFMigrationsHistory"];

    private readonly ConcurrentDictionary<string, string> _shown = new();
    private readonly ConcurrentDictionary<string, (string Name, bool OneShot, CustomResourceSnapshot Snapshot)> _latest = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _announced;

    protected override void OnChange(ResourceEvent change, CancellationToken stopping)
    {
        var latest = (change.Resource.Name, OneShotAnnotation.On(change.Resource), change.Snapshot);
        if (_latest.TryAdd(change.ResourceId, latest) && change.Resource is ExecutableResource or ProjectResource)
        {
            _ = SurfaceProblemsAsync(change.Resource.Name, change.ResourceId, change.Resource is ProjectResource, stopping);
        }

        _latest[change.ResourceId] = latest;
        Show(change.Resource.Name, change.ResourceId, change.Snapshot);
        AnnounceWhenUp();
    }

    private void Show(string name, string resourceId, CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text;
        if (string.IsNullOrEmpty(state) || snapshot.IsHidden)
        {
            return;
        }

        var health = state == KnownResourceStates.Running && snapshot.HealthStatus is { } status ? $" ({status.ToString().ToLowerInvariant()})" : string.Empty;
        var exit = snapshot.ExitCode is { } code && KnownResourceStates.TerminalStates.Contains(state) ? $" (exit code {code})" : string.Empty;
        var line = state + health + exit;
        if (_shown.TryGetValue(resourceId, out var previous) && previous == line)
        {
            return;
        }

        _shown[resourceId] = line;
        var urls = state == KnownResourceStates.Running ? string.Join(' ', snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url)) : string.Empty;
        LogState(name, line, urls);
    }

    private void AnnounceWhenUp()
    {
        var visible = _latest.Values.Where(v => !v.Snapshot.IsHidden && v.Snapshot.State?.Text is not null).ToList();
        // Every resource of the model must have reported first: the earliest ones are healthy before the rest exist.
        var reported = _latest.Values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var up = visible.Count > 0 && model.Resources.Where(r => r is not ParameterResource).All(r => reported.Contains(r.Name)) && visible.All(v => v.Snapshot switch
        {
            { State.Text: var state, ExitCode: 0 } when state == KnownResourceStates.Finished || state == KnownResourceStates.Exited => true,
            { State.Text: var state, HealthStatus: null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy } => state == KnownResourceStates.Running && !v.OneShot,
            _ => false,
        });
        if (!up || _announced)
        {
            return;
        }

        _announced = true;
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(disabled)";
        var portal = _latest.Values.Where(v => v.Name == "portal").SelectMany(v => v.Snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url)).FirstOrDefault() ?? "(not running)";
        // Replicas share one proxied address: each API once, with how many instances serve it.
        var apis = string.Join(Environment.NewLine, _latest.Values
            .Where(v => v.Snapshot.ResourceType == "Project" && !v.Snapshot.Urls.IsEmpty && v.Name != "portal")
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var urls = string.Join(' ', g.SelectMany(v => v.Snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url)).Distinct(StringComparer.Ordinal));
                return $"  {g.Key,-14} {urls}{(g.Count() > 1 ? $" ({g.Count()} instances)" : "")}";
            }));
        LogUp(_clock.Elapsed.TotalSeconds, visible.Count, dashboard, apis, portal);
    }

    /// <summary>Warnings and errors from a resource's own log: "warn:", "fail:" and "crit:" lines of .NET services, errors of the servers.</summary>
    private async Task SurfaceProblemsAsync(string name, string resourceId, bool isProject, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in resourceLogs.WatchAsync(resourceId).WithCancellation(ct))
            {
                foreach (var line in batch)
                {
                    var text = line.Content;
                    var problem = isProject
                        ? text.Contains("warn:", StringComparison.Ordinal) || text.Contains("fail:", StringComparison.Ordinal) || text.Contains("crit:", StringComparison.Ordinal)
                        : text.Contains("FATAL", StringComparison.Ordinal) || text.Contains("PANIC", StringComparison.Ordinal) || text.Contains("[error]", StringComparison.Ordinal) || text.Contains("# WARNING", StringComparison.Ordinal);
                    if (problem && !Benign.Any(b => text.Contains(b, StringComparison.Ordinal)))
                    {
                        LogProblem(name, text.Length > 400 ? text[..400] + " ..." : text);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource,-16} {State} {Urls}")]
    private partial void LogState(string resource, string state, string urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: {Line}")]
    private partial void LogProblem(string resource, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "ChampionNetwork is up after {Seconds:0} s: {Count} resources healthy or done.\n  Dashboard      {Dashboard}\n{Apis}\n  Portal         {Portal}\nCtrl+C stops everything.")]
    private partial void LogUp(double seconds, int count, string dashboard, string apis, string portal);
}
