using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>
/// The real AppHost (`dotnet ChampionNetwork.AppHost.dll --fresh --data-dir {temp}`, Docker off, no inherited
/// connection strings): every server and service is its own child process with a pid in {data}/state.json.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PlatformProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public int Pid => _process.Id;

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

    /// <summary>Starts the AppHost built in <paramref name="configuration"/> (builds it first if it is missing).</summary>
    public static async Task<PlatformProcess> StartAsync(string configuration, CancellationToken ct)
    {
        var root = RepositoryRoot;
        var assembly = Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "ChampionNetwork.AppHost.dll");
        if (!File.Exists(assembly))
        {
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "AppHost"), "-c", configuration, "-nologo", "-v", "q"]) { UseShellExecute = false })!;
            await build.WaitForExitAsync(ct);
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"championnetwork-chaos-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        psi.ArgumentList.Add(assembly);
        psi.ArgumentList.Add("--fresh");
        psi.ArgumentList.Add("--data-dir");
        psi.ArgumentList.Add(dataDirectory);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("CHAMPION_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["AppHost__UseDocker"] = "false";
        // Not 5101/5104: a killed service's port must still be free when it comes back (another AppHost may want them).
        psi.Environment["AppHost__UseLaunchSettingsPorts"] = "false";
        psi.Environment["TERM"] = "dumb";
        var process = new Process { StartInfo = psi };
        var host = new PlatformProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public string SigningKey => File.ReadAllText(Path.Combine(DataDirectory, "identity", "signing-key")).Trim();

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

    public static JsonNode Resource(JsonNode state, string name) =>
        state["resources"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == name)!;

    public JsonNode Resource(string name) => Resource(State()!, name);

    public static bool AllHealthy(JsonNode state) => state["allHealthy"]!.GetValue<bool>();

    public static int Restarts(JsonNode state, string name) => Resource(state, name)["Restarts"]!.GetValue<int>();

    public async Task<JsonNode> WaitUntilAsync(Func<JsonNode, bool> condition, TimeSpan timeout, string what, CancellationToken ct)
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
                throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} while waiting for {what}.\n{Tail()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. State:\n{State()}\nOutput:\n{Tail()}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>The last lines of the AppHost's output, for a failure message.</summary>
    public string Tail(int lines = 80) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>SIGTERM, as Ctrl+C would: the AppHost stops every child in reverse dependency order.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        Signal.Send(Pid, "TERM");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
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
}

/// <summary>kill(1) and a look through /proc.</summary>
public static class Signal
{
    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>The first process in the tree under <paramref name="root"/> (itself included) whose command line contains <paramref name="text"/>.</summary>
    public static int? FindInTree(int root, string text)
    {
        foreach (var pid in Tree(root))
        {
            if (CommandLine(pid).Contains(text, StringComparison.Ordinal))
            {
                return pid;
            }
        }

        return null;
    }

    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        }

        return result;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
