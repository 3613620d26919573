using System.Diagnostics;
using System.Globalization;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.Subscriptions.Tests.Infrastructure;

/// <summary>
/// InsightHub as a real OS process (<c>dotnet ChampionNetwork.InsightHub.dll</c>), configured through environment
/// variables as the AppHost would, that a test can kill with SIGKILL and start again on the same servers.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HubProcess(Process process, Uri baseAddress, string logPath)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public static HubProcess Start(IReadOnlyDictionary<string, string?> settings, string name)
    {
        var dll = ServiceDll();
        var port = ServiceSettings.FreeTcpPort();
        var logPath = Path.Combine(Path.GetTempPath(), $"insighthub-subscriptions-{name}-{Guid.NewGuid():N}.log");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        var environment = ServiceSettings.AsEnvironment(settings);
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        // Each start is a new silo on new ports; the killed one is declared dead within seconds.
        environment["Orleans__Endpoints__SiloPort"] = ServiceSettings.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__Endpoints__GatewayPort"] = ServiceSettings.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__Membership__ProbeTimeout"] = "00:00:01";
        environment["Orleans__Membership__NumMissedProbesLimit"] = "2";
        environment["Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
        environment["Orleans__Membership__ValidateInitialConnectivity"] = "false";
        environment["Logging__Console__FormatterName"] = "simple";
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
        return new HubProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), logPath);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.Returns(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"InsightHub exited with {_process.ExitCode}; see {LogPath}:\n{File.ReadAllText(LogPath)}");
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
            TimeSpan.FromSeconds(120),
            because: $"for InsightHub to report healthy ({LogPath})");
    }

    /// <summary>kill -9: no shutdown, no rollback sent, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

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
