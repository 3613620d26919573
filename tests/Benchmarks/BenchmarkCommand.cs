using System.Diagnostics;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.Benchmarks.Scenarios;

namespace ChampionNetwork.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/Benchmarks -- &lt;scenario&gt;</c></summary>
internal static class BenchmarkCommand
{
    private static readonly string[] Scenarios = ["transport", "ingest", "latency", "feeds", "search", "grain-storage", "chaos", "national", "all"];

    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = args.FirstOrDefault() ?? "all";
        if (!Scenarios.Contains(scenario))
        {
            await Console.Error.WriteLineAsync($"Unknown scenario '{scenario}'. Use one of: {string.Join(", ", Scenarios)}.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var report = new Report();
        var resultsDirectory = Path.Combine(ResultsDirectory(), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + scenario);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"ChampionNetwork benchmarks: {scenario} on {Machine.Describe()}");
        if (scenario is "transport" or "all")
        {
            await TransportScenario.RunAsync(report, messages: 20_000, cancel.Token);
        }

        if (scenario is "ingest" or "latency" or "feeds" or "search" or "all")
        {
            await PlatformScenarios.RunAsync(report, scenario is "ingest" or "all", scenario is "latency" or "all", scenario is "feeds" or "all", scenario is "search" or "all", resultsDirectory, cancel.Token);
        }

        if (scenario is "grain-storage" or "all")
        {
            await GrainStorageScenario.RunAsync(report, events: 5_000, cancel.Token);
        }

        if (scenario is "chaos")
        {
            await ChaosScenario.RunAsync(report, submissions: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, cancel.Token);
        }

        if (scenario is "national")
        {
            await NationalScenario.RunAsync(report, submissions: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400_000, cancel.Token);
        }

        Console.WriteLine($"Finished in {clock.Elapsed:m\\:ss}.");
        await report.WriteAsync(resultsDirectory, "results");
        return report.Rows.Any(r => r.Met == false) ? 1 : 0;
    }

    private static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
