using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChampionNetwork.AppHost.Terminal;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Provisioning;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// Starts every resource once what it waits for is Running and healthy, watches health, restarts crashed projects
/// and local servers with backoff, and on stop takes everything down in reverse dependency order, leaving no process behind.
/// </summary>
internal sealed partial class Orchestrator
{
    // What a child must not inherit from the AppHost's own environment: the AppHost decides these.
    private static readonly string[] InheritedPrefixes = ["ConnectionStrings__", "services__", "Orleans__", "Identity__", "OTEL_"];

    private readonly DistributedApplicationModel _model;
    private readonly AppHostOptions _options;
    private readonly ServerProvisioner _provisioner;
    private readonly SharedEnvironment _shared;
    private readonly ConsoleRenderer _renderer;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly DependencyGraph _graph;
    private readonly ResourceStates _states;
    private readonly HttpClient _http = new() { Timeout = HealthPolicy.ProbeTimeout };
    private readonly ConcurrentDictionary<IResource, IServerInstance> _servers = new();
    private readonly ConcurrentDictionary<IResource, ChildProcess> _projects = new();
    private readonly Dictionary<ProjectResource, ProjectLaunch> _launches = [];
    private readonly long _startedTicks = Stopwatch.GetTimestamp();
    private Exception? _fatal;

    public Orchestrator(
        DistributedApplicationModel model,
        AppHostOptions options,
        ServerProvisioner provisioner,
        SharedEnvironment shared,
        ConsoleRenderer renderer,
        ILogger logger,
        TimeProvider clock)
    {
        _model = model;
        _options = options;
        _provisioner = provisioner;
        _shared = shared;
        _renderer = renderer;
        _logger = logger;
        _clock = clock;
        _graph = new DependencyGraph(model.Resources);
        _states = new ResourceStates(_graph.StartOrder, renderer, Path.Combine(options.DataDirectory, "state.json"), clock);
    }

    /// <summary>Runs until <paramref name="stop"/> fires (Ctrl+C, SIGTERM) or a server cannot be had; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        AllocateEndpoints();
        foreach (var project in _model.Resources.OfType<ProjectResource>())
        {
            _launches[project] = ProjectLaunch.Resolve(project, _options.RepositoryRoot);
        }

        _states.Publish();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var tasks = _graph.StartOrder.Select(resource => Task.Run(() => StartAsync(_states[resource], run), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Timeout.Infinite, run.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await StopAllAsync(run, tasks);
        return _fatal is null ? 0 : 1;
    }

    private void AllocateEndpoints()
    {
        var ports = Directory.CreateDirectory(Path.Combine(_options.DataDirectory, "ports")).FullName;
        foreach (var project in _model.Resources.OfType<ProjectResource>())
        {
            var preferred = !_options.UseLaunchSettingsPorts ? null : LaunchSettings.HttpPort(Path.GetFullPath(Path.Combine(_options.RepositoryRoot, project.ProjectPath)));
            foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is null))
            {
                endpoint.Port = endpoint.Name == "http" && preferred is { } port && FreePorts.TryReserve(port)
                    ? port
                    : FreePorts.Sticky(Path.Combine(ports, $"{project.Name}.{endpoint.Name}"));
            }
        }
    }

    private async Task StartAsync(ResourceRecord record, CancellationTokenSource run)
    {
        var ct = run.Token;
        var resource = record.Resource;
        try
        {
            var waits = DependencyGraph.WaitsOf(resource).ToList();
            if (waits.Count > 0)
            {
                _states.Update(record, r => (r.State, r.Detail) = (ResourceState.Waiting, "waiting for " + string.Join(", ", waits.Select(w => w.Name))));
            }

            await Task.WhenAll(waits.Select(w => _states[w].Healthy)).WaitAsync(ct);
            await Task.WhenAll(DependencyGraph.DependenciesOf(resource).Select(d => _states[d].Running)).WaitAsync(ct);
            _states.Update(record, r => r.Detail = null);

            switch (resource)
            {
                case ServerResource server:
                    await RunServerAsync(record, server, ct);
                    break;
                case PostgresDatabaseResource database:
                    await RunDatabaseAsync(record, database, ct);
                    break;
                case ProjectResource project:
                    await RunProjectAsync(record, project, ct);
                    break;
                default:
                    _states.Update(record, r => (r.State, r.Health) = (ResourceState.Running, HealthStatus.Healthy));
                    record.MarkRunning();
                    record.MarkHealthy();
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A dependency failed (its own error is reported), or this resource could not start: either ends the run.
            var own = !DependencyGraph.DependenciesOf(resource).Any(d => _states[d].Running.IsFaulted);
            record.Fail(ex);
            if (own)
            {
                _states.Update(record, r => (r.State, r.Health, r.Detail) = (ResourceState.FailedToStart, HealthStatus.Unhealthy, ex.Message));
                LogFailedToStart(_logger, resource.Name, ex.Message);
                _fatal ??= ex;
                await run.CancelAsync();
            }
        }
    }

    /// <summary>
    /// Provisions the server, and again with backoff each time a local server exits unexpectedly (same port, same
    /// data folder: both are sticky), until the AppHost stops.
    /// </summary>
    private async Task RunServerAsync(ResourceRecord record, ServerResource server, CancellationToken ct)
    {
        var failures = 0;
        Task? health = null;
        while (!ct.IsCancellationRequested)
        {
            _states.Update(record, r => (r.State, r.Health) = (ResourceState.Starting, HealthStatus.Unknown));
            IServerInstance instance;
            try
            {
                instance = await _provisioner.ProvisionAsync(server, line => _renderer.Line(server.Name, line), ct);
            }
            catch (Exception ex) when (failures > 0 && !ct.IsCancellationRequested)
            {
                // A restart that failed (a lock file not yet released, say): try again later, as for a project.
                failures++;
                var retry = HealthPolicy.RestartDelay(failures);
                _states.Update(record, r => (r.State, r.Detail) = (ResourceState.Exited, ex.Message));
                LogServerRestartFailed(_logger, server.Name, ex.Message, retry.TotalSeconds);
                await Task.Delay(retry, _clock, ct);
                continue;
            }

            _servers[server] = instance;
            server.ConnectionString = instance.ConnectionString;
            var started = _clock.GetTimestamp();
            _states.Update(record, r => (r.State, r.Endpoint, r.Pid, r.Source, r.Detail) =
                (ResourceState.Running, instance.Endpoint, instance.Pid, Describe(instance.Source), null));
            LogProvisioned(_logger, server.Name, Describe(instance.Source), instance.Endpoint);
            record.MarkRunning();
            health ??= MonitorHealthAsync(record, t => ServerProbes.ProbeAsync(server, t), ct);

            await instance.Exited.WaitAsync(ct);
            if (_states.Stopping || ct.IsCancellationRequested)
            {
                return;
            }

            // Whatever the killed server left behind (postgres backends, an Erlang port program) goes too.
            await instance.StopAsync();
            failures = _clock.GetElapsedTime(started) > TimeSpan.FromMinutes(1) ? 1 : failures + 1;
            var delay = HealthPolicy.RestartDelay(failures);
            _states.Update(record, r => (r.State, r.Health, r.Pid, r.Detail) = (ResourceState.Exited, HealthStatus.Unhealthy, null, "exited unexpectedly"));
            LogServerExited(_logger, server.Name, delay.TotalSeconds);
            await Task.Delay(delay, _clock, ct);
            _states.Update(record, r => r.Restarts++);
        }
    }

    private async Task RunDatabaseAsync(ResourceRecord record, PostgresDatabaseResource database, CancellationToken ct)
    {
        _states.Update(record, r => r.State = ResourceState.Starting);
        await PostgresDatabases.EnsureCreatedAsync(database.Server.ConnectionString!, database.DatabaseName, ct);
        _states.Update(record, r => (r.State, r.Endpoint, r.Source) = (ResourceState.Running, $"{_states[database.Server].Endpoint}/{database.DatabaseName}", "database"));
        record.MarkRunning();
        await MonitorHealthAsync(record, t => ServerProbes.ProbeAsync(database, t), ct);
    }

    /// <summary>Starts the project, and again with backoff each time it exits, until the AppHost stops.</summary>
    private async Task RunProjectAsync(ResourceRecord record, ProjectResource project, CancellationToken ct)
    {
        var launch = _launches[project];
        var url = project.HttpEndpoint.Url!;
        var failures = 0;
        Task? health = null;
        while (!ct.IsCancellationRequested)
        {
            _states.Update(record, r => (r.State, r.Health, r.Endpoint, r.Source) = (ResourceState.Starting, HealthStatus.Unknown, url, "dotnet"));
            var environment = ProjectEnvironment.For(project, _shared);
            var removed = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)) && !environment.ContainsKey(k));
            var child = ChildProcess.Start(launch.DotnetHost, [launch.AssemblyPath], line => _renderer.Line(project.Name, line), environment, launch.ProjectDirectory, removed);
            _projects[project] = child;
            var started = _clock.GetTimestamp();
            _states.Update(record, r => (r.State, r.Pid, r.Detail) = (ResourceState.Running, child.Pid, null));
            record.MarkRunning();
            health ??= MonitorHealthAsync(record, t => ProbeHttpAsync(project, t), ct);

            var code = await child.Exited.WaitAsync(ct);
            if (_states.Stopping)
            {
                return;
            }

            failures = _clock.GetElapsedTime(started) > TimeSpan.FromMinutes(1) ? 1 : failures + 1;
            var delay = HealthPolicy.RestartDelay(failures);
            _states.Update(record, r => (r.State, r.Health, r.Pid, r.Detail) = (ResourceState.Exited, HealthStatus.Unhealthy, null, $"exit code {code}"));
            LogProjectExited(_logger, project.Name, code, delay.TotalSeconds);
            await Task.Delay(delay, _clock, ct);
            _states.Update(record, r => r.Restarts++);
        }
    }

    private async Task ProbeHttpAsync(ProjectResource project, CancellationToken ct)
    {
        var check = project.Annotations.OfType<HttpHealthCheckAnnotation>().FirstOrDefault() ?? new HttpHealthCheckAnnotation("/health");
        var endpoint = project.Annotations.OfType<EndpointAnnotation>().First(e => e.Name == check.EndpointName);
        using var response = await _http.GetAsync(new Uri(endpoint.Url + check.Path), ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls health every second while not healthy; backs off to 5 s while healthy.</summary>
    private async Task MonitorHealthAsync(ResourceRecord record, Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        var interval = HealthPolicy.First;
        while (!ct.IsCancellationRequested)
        {
            var healthy = false;
            if (record.State == ResourceState.Running)
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(HealthPolicy.ProbeTimeout);
                try
                {
                    await probe(attempt.Token);
                    healthy = true;
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                }
            }

            if (record.State == ResourceState.Running || !healthy)
            {
                var status = healthy ? HealthStatus.Healthy : record.State == ResourceState.Running ? HealthStatus.Unhealthy : record.Health;
                var transition = _states.Update(record, r => r.Health = status);
                if (healthy)
                {
                    record.MarkHealthy();
                }

                Announce(transition);
            }

            interval = HealthPolicy.Next(interval, healthy);
            await Task.Delay(interval, _clock, ct);
        }
    }

    private void Announce(PlatformTransition transition)
    {
        if (transition == PlatformTransition.None)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(_startedTicks).TotalSeconds;
        if (transition == PlatformTransition.HealthyAgain)
        {
            LogHealthyAgain(_logger);
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"All {_states.All.Count(r => r.Visible)} resources are healthy ({seconds:0.0} s after the AppHost started).");
        foreach (var project in _model.Resources.OfType<ProjectResource>())
        {
            var url = project.HttpEndpoint.Url;
            var label = project.Name == "portal" ? "Portal" : "API";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-6} {project.Name,-18} {url}");
            if (label == "API")
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"         {string.Empty,-18} OpenAPI {url}/openapi/v1.json   UI {url}/scalar/v1");
            }
        }

        if (!_model.Resources.Any(r => r.Name == "portal"))
        {
            text.AppendLine("  Portal (none yet)");
        }

        text.AppendLine("  Token: dotnet run --project AppHost -- token --role champion --org S08000015");
        text.Append("  Stop:  Ctrl+C");
        _renderer.Block(text.ToString());
        LogAllHealthy(_logger, seconds);
    }

    /// <summary>Projects first, servers last: each layer only once nothing that needs it runs any more.</summary>
    private async Task StopAllAsync(CancellationTokenSource run, List<Task> starts)
    {
        var clock = Stopwatch.StartNew();
        _states.Stopping = true;
        await run.CancelAsync();
        LogStopping(_logger);
        foreach (var layer in _graph.StopLayers())
        {
            await Task.WhenAll(layer.Select(StopAsync));
        }

        await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        ChildProcess.KillAllSessions();
        LogStopped(_logger, clock.Elapsed.TotalSeconds);
        _states.Publish();
        _http.Dispose();
    }

    private async Task StopAsync(IResource resource)
    {
        var record = _states[resource];
        if (_projects.TryGetValue(resource, out var child))
        {
            await child.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5));
        }
        else if (_servers.TryGetValue(resource, out var server))
        {
            await server.StopAsync();
        }
        else
        {
            return;
        }

        _states.Update(record, r => (r.State, r.Health, r.Pid) = (ResourceState.Exited, HealthStatus.Unknown, null));
    }

    private static string Describe(ProvisioningSource source) => source switch
    {
        ProvisioningSource.Configured => "configured",
        ProvisioningSource.Container => "container",
        ProvisioningSource.LocalBinary => "local binary",
        _ => source.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} failed to start: {Error}")]
    private static partial void LogFailedToStart(ILogger logger, string resource, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Source} at {Endpoint}")]
    private static partial void LogProvisioned(ILogger logger, string resource, string source, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} exited unexpectedly; restarting it on the same port and data in {DelaySeconds} s")]
    private static partial void LogServerExited(ILogger logger, string resource, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} could not be restarted: {Error}; trying again in {DelaySeconds} s")]
    private static partial void LogServerRestartFailed(ILogger logger, string resource, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; restarting in {DelaySeconds} s")]
    private static partial void LogProjectExited(ILogger logger, string resource, int exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources are healthy after {Seconds:0.0} s")]
    private static partial void LogAllHealthy(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources are healthy again")]
    private static partial void LogHealthyAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping every resource, in reverse dependency order")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped in {Seconds:0.0} s; no process left behind")]
    private static partial void LogStopped(ILogger logger, double seconds);
}
