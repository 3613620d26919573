using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// The real AppHost (Release), run as the AppHost tests run it: <c>--fresh --data-dir {temp}</c>, Docker off, no inherited
/// connection strings, so it provisions local RabbitMQ, Redis and PostgreSQL and starts surveys-api and insighthub.
/// </summary>
internal sealed class PlatformRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PlatformRun(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public int Pid => _process.Id;

    public string SigningKey => File.ReadAllText(Path.Combine(DataDirectory, "identity", "signing-key")).Trim();

    public static async Task<PlatformRun> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"championnetwork-bench-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        psi.ArgumentList.Add(Path.Combine(Repository.Root, "AppHost", "bin", "Release", "net10.0", "ChampionNetwork.AppHost.dll"));
        psi.ArgumentList.Add("--fresh");
        psi.ArgumentList.Add("--data-dir");
        psi.ArgumentList.Add(dataDirectory);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("CHAMPION_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["AppHost__UseDocker"] = "false";
        psi.Environment["TERM"] = "dumb";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi };
        var run = new PlatformRun(process, dataDirectory);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await run.WaitHealthyAsync(TimeSpan.FromMinutes(3), cancellationToken);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    public JsonNode Resource(string name) =>
        State()!["resources"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == name)!;

    public Uri Endpoint(string name) => new(Resource(name)["Endpoint"]!.GetValue<string>());

    public int ResourcePid(string name) => Resource(name)["Pid"]!.GetValue<int>();

    /// <summary>Every process of interest: the two services and the three servers (each with its process tree).</summary>
    public IReadOnlyDictionary<string, int> Pids() =>
        State()!["resources"]!.AsArray()
            .Where(r => r!["Pid"] is not null)
            .ToDictionary(r => r!["Name"]!.GetValue<string>(), r => r!["Pid"]!.GetValue<int>());

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private JsonNode? State()
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

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (State() is not { } state || state["allHealthy"]?.GetValue<bool>() != true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode}.\n{Output}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The platform was not healthy after {timeout.TotalSeconds:0} s.\n{Output}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The last lines the AppHost printed (its table and every resource's log lines), for a failed run.</summary>
    public string Tail(int lines) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
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
}
