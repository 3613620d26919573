using System.Diagnostics;
using System.Globalization;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.InsightHub.ClusterTests;

/// <summary>
/// InsightHub as a real OS process (<c>dotnet ChampionNetwork.InsightHub.dll</c>), configured through environment
/// variables as the AppHost would, that a test can kill with SIGKILL. Output goes to a log file named in failures.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri baseAddress, string logPath, string name)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
        Name = name;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, Uri eventBus, string redis, string clusterPrefix, string insightHubDb, TestIdentity identity, IReadOnlyDictionary<string, string>? extra = null)
    {
        var dll = ServiceDll();
        var httpPort = ServiceSettings.FreeTcpPort();
        var logPath = Path.Combine(Path.GetTempPath(), $"insighthub-{clusterPrefix.TrimEnd(':')}-{name}.log");
        var psi = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__eventbus"] = eventBus.ToString(),
            ["ConnectionStrings__redis"] = redis,
            // Subscriptions and their deliveries: every silo of the cluster shares the one database.
            ["ConnectionStrings__insighthubdb"] = insightHubDb,
            ["Orleans__ServiceId"] = clusterPrefix,
            ["Orleans__ClusterId"] = clusterPrefix,
            ["Orleans__Endpoints__SiloPort"] = ServiceSettings.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ServiceSettings.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            // A killed silo is declared dead within seconds, not the production minute.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Orleans__Membership__ValidateInitialConnectivity"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            // Feeds publish on a schedule (a day in production): every second, so that the tests see figures soon.
            ["InsightHub__Snapshots__PublishEvery"] = "00:00:01",
        };
        foreach (var (key, value) in identity.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var sync = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (sync)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => { lock (sync) { log.Flush(); } };
        return new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), logPath, name);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = Client();
        await Eventually.Returns(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode}; see {LogPath}:\n{Tail()}");
                }

                try
                {
                    return (int)(await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return 0;
                }
            },
            status => status == 200,
            timeout ?? TimeSpan.FromSeconds(90),
            because: $"for silo {Name} to report healthy ({LogPath})");
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false); // SIGKILL on Unix
            _process.WaitForExit(10_000);
        }
    }

    public string Tail()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(40));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>services/InsightHub/Api/bin/{Configuration}/net10.0/ChampionNetwork.InsightHub.dll, built with this project.</summary>
    private static string ServiceDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChampionNetwork.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No ChampionNetwork.sln above {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(root.FullName, "services", "InsightHub", "Api", "bin", configuration, framework, "ChampionNetwork.InsightHub.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build InsightHub first: {dll} is missing.", dll);
    }
}
