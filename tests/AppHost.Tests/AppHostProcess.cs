using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// The real AppHost, run as `dotnet ChampionNetwork.AppHost.dll --fresh --data-dir {temp}` from its own output folder,
/// with no inherited connection strings and Docker off, so that it provisions local binaries as ./run.sh does on a
/// fresh machine, on free ports, never touching a developer's .apphost/ or test.sh's servers.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static AppHostProcess Start()
    {
        // Under /tmp (every folder above searchable): as root, PostgreSQL runs as the postgres user and must reach it.
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"championnetwork-apphost-test-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        psi.ArgumentList.Add(AssemblyPath);
        psi.ArgumentList.Add("--fresh");
        psi.ArgumentList.Add("--data-dir");
        psi.ArgumentList.Add(dataDirectory);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("CHAMPION_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["AppHost__UseDocker"] = "false";
        psi.Environment["TERM"] = "dumb";
        var process = new Process { StartInfo = psi };
        var host = new AppHostProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>{data}/state.json, or null before the AppHost writes it.</summary>
    public JsonNode? State()
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(DataDirectory, "state.json")));
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public JsonNode Resource(string name) =>
        State()!["resources"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == name)!;

    public async Task<JsonNode> WaitUntilAsync(Func<JsonNode, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (State() is { } state && condition(state))
            {
                return state;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} while waiting for {what}.\n{Output}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. State:\n{State()}\nOutput:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>SIGTERM (as Ctrl+C or a service manager would); returns how long the AppHost took to exit.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChampionNetwork.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ChampionNetwork.sln not found above " + AppContext.BaseDirectory);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string AssemblyPath =>
        Path.Combine(RepositoryRoot, "AppHost", "bin", Configuration, "net10.0", "ChampionNetwork.AppHost.dll");
}
