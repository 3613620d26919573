using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChampionNetwork.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.TestInfrastructure.Platform;

/// <summary>
/// The real AppHost, started in this process through Aspire.Hosting.Testing: the one way tests and benchmarks run the
/// whole platform. A fresh data folder under /tmp, Docker off and no inherited connection strings, so every server is
/// the local binary ./run.sh would start on a fresh machine; ports are Aspire's random ones.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly ConcurrentDictionary<string, List<string>> _states = new();
    private readonly ConcurrentDictionary<string, ResourceEvent> _instances = new();
    private readonly CancellationTokenSource _watching = new();

    private PlatformHost(DistributedApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ = WatchAsync(_watching.Token);
    }

    public string DataDirectory { get; }

    /// <summary>The Aspire dashboard (with PlatformHostOptions.Dashboard), whose /api/telemetry serves the services' traces.</summary>
    public Uri DashboardUri => _app.GetEndpoint("aspire-dashboard", "http");

    public string SigningKey => File.ReadAllText(Path.Combine(DataDirectory, "identity", "signing-key")).Trim();

    public DistributedApplication App => _app;

    /// <summary>How often Surveys releases held responses and InsightHub publishes, unless the settings say otherwise.</summary>
    public static readonly TimeSpan Cadence = TimeSpan.FromSeconds(2);

    /// <summary>Builds and starts the AppHost; <paramref name="configure"/> may change its configuration or its resources first.</summary>
    public static async Task<PlatformHost> StartAsync(PlatformHostOptions options, CancellationToken ct)
    {
        // Under /tmp (every folder above searchable): as root, PostgreSQL runs as the postgres user and must reach it.
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"championnetwork-platform-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>(options.Settings) { ["AppHost:UseDocker"] = "false" };
        // Responses released and snapshots published every 2 s, not every minute: tests wait for what they sent.
        settings.TryAdd("AppHost:Cadence", Cadence.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        if (options.Dashboard)
        {
            // The dashboard on loopback, plain HTTP, no login, with its telemetry API: what ./run.sh gives a developer.
            var ports = FreePorts.Take(3);
            settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[0]}";
            settings["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[1]}";
            settings["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[2]}";
            settings["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
            settings["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        }

        // Feeds publish once a day by default: every second here, unless a test's settings (later, so they win) say otherwise.
        string[] args = ["AppHost:Fresh=true", $"AppHost:DataDirectory={dataDirectory}", .. settings.Select(s => $"{s.Key}={s.Value}")];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            args,
            (app, _) => app.DisableDashboard = !options.Dashboard,
            ct);
        options.Configure?.Invoke(builder);
        var app = await builder.BuildAsync(ct);
        var host = new PlatformHost(app, dataDirectory);
        try
        {
            await app.StartAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Uri Endpoint(string resource, string endpoint = "http") => _app.GetEndpoint(resource, endpoint);

    /// <summary>Waits until every resource is healthy (or, for one-shot resources, finished).</summary>
    public async Task WaitUntilHealthyAsync(IEnumerable<string> resources, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await Task.WhenAll(resources.Select(r => _app.ResourceNotifications.WaitForResourceHealthyAsync(r, cts.Token)));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Not every resource was healthy after {timeout.TotalSeconds:0} s: {Describe()}");
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> instances (Aspire replicas) of the resource run healthy, and returns each
    /// one's own HTTP address, not the proxy's that spreads connections over them: the address its process was told to
    /// listen on.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> InstancesAsync(string resource, int count, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var healthy = _instances.Values
                .Where(e => e.Resource.Name == resource && e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                .ToList();
            if (healthy.Count >= count)
            {
                var addresses = healthy.Select(e => ListenAddress(Pid(e.Snapshot) ?? throw new InvalidOperationException($"{e.ResourceId} has no pid"))).OfType<Uri>().ToList();
                // A health report can be a moment behind a replica's restart: each must run, and answer at its address, now.
                if (addresses.Count == healthy.Count && (await Task.WhenAll(addresses.Select(a => AnswersAsync(a, ct)))).All(answers => answers))
                {
                    return addresses;
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{healthy.Count} of {count} instances of {resource} were healthy and answering after {timeout.TotalSeconds:0} s: {Describe()}");
            }

            await Task.Delay(250, ct);
        }
    }

    private static async Task<bool> AnswersAsync(Uri address, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    // Aspire gives each replica its own port in ASPNETCORE_URLS; `dotnet run` passes its environment to the service.
    // Null when the process has exited or is exiting (a replica restarting); a child that exited meanwhile is passed over.
    private static Uri? ListenAddress(int pid)
    {
        foreach (var process in ProcessTree.Descendants(pid).Select(p => p.Pid).Prepend(pid))
        {
            string environ;
            try
            {
                environ = File.ReadAllText($"/proc/{process}/environ");
            }
            catch (IOException)
            {
                // Gone (no such file), or exiting (ESRCH, "No such process"): either way it has exited.
                environ = "";
            }

            if (environ.Length == 0)
            {
                // An exited process, or a zombie, whose environment reads empty.
                if (process == pid)
                {
                    return null;
                }

                continue;
            }

            var environment = environ.Split('\0');

            if (environment.FirstOrDefault(v => v.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal)) is { } urls)
            {
                var http = urls["ASPNETCORE_URLS=".Length..].Split(';').First(u => u.StartsWith("http://", StringComparison.Ordinal));
                return new Uri(http.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException($"Process {pid} has no ASPNETCORE_URLS in its environment.");
    }

    /// <summary>The pid Aspire watches; for a project that is `dotnet run`, so the service is its child.</summary>
    public async Task<int> PidAsync(string resource, CancellationToken ct)
    {
        var snapshot = await _app.ResourceNotifications.WaitForResourceAsync(resource, e => Pid(e.Snapshot) is not null, ct);
        var pid = Pid(snapshot.Snapshot)!.Value;
        return snapshot.Snapshot.ResourceType == "Project" ? ProcessTree.Children(pid).SingleOrDefault(pid) : pid;
    }

    /// <summary>How many times the resource has come back to Running after it left it (a crash and restart).</summary>
    public int Restarts(string resource) =>
        _states.TryGetValue(resource, out var states) ? Math.Max(0, Transitions(states) - 1) : 0;

    /// <summary>Every process this run started: DCP, the servers, the services and all their children.</summary>
    public IReadOnlyList<ProcessTree.Entry> Processes() =>
        [.. ProcessTree.All().Where(p => p.CommandLine.Contains($"--monitor {Environment.ProcessId}", StringComparison.Ordinal)).SelectMany(p => ProcessTree.Descendants(p.Pid).Prepend(p))];

    public string Describe() => string.Join(", ", _states.Select(s => $"{s.Key}: {s.Value.LastOrDefault()}"));

    public async ValueTask DisposeAsync()
    {
        var started = Processes();
        await _watching.CancelAsync();
        try
        {
            await _app.StopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
        }

        await _app.DisposeAsync();
        // DCP stops what is left once the AppHost is gone.
        var clock = Stopwatch.StartNew();
        while (started.Any(ProcessTree.StillAlive) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        _watching.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            _ => null,
        };

    private static int Transitions(List<string> states)
    {
        lock (states)
        {
            return states.Where((s, i) => s == KnownResourceStates.Running && (i == 0 || states[i - 1] != KnownResourceStates.Running)).Count();
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var change in _app.ResourceNotifications.WatchAsync(ct))
            {
                _instances[change.ResourceId] = change;
                if (change.Snapshot.State?.Text is { Length: > 0 } state)
                {
                    var states = _states.GetOrAdd(change.Resource.Name, _ => []);
                    lock (states)
                    {
                        if (states.Count == 0 || states[^1] != state)
                        {
                            states.Add(state);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>How to start the platform: AppHost configuration (<c>DemoSeed:Enabled=false</c>), the dashboard, resource changes.</summary>
public sealed record PlatformHostOptions
{
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>On: the Aspire dashboard runs and receives every service's OTLP telemetry.</summary>
    public bool Dashboard { get; init; }

    public Action<IDistributedApplicationTestingBuilder>? Configure { get; init; }

    /// <summary>Every resource of the AppHost that reports health.</summary>
    public static IReadOnlyList<string> Resources { get; } = ["eventbus", "redis", "postgres", "surveysdb", "goodpracticedb", "insighthubdb", "casestudiesdb", "insighthub", "surveys-api", "goodpractice-api", "casestudies-api", "portal"];
}
