using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>ingest, latency and feeds share one run of the real AppHost (Release).</summary>
internal static class PlatformScenarios
{
    public static async Task RunAsync(Report report, bool ingest, bool latency, bool feeds, string resultsDirectory, CancellationToken cancellationToken)
    {
        Console.WriteLine("Starting the platform (AppHost, Release) …");
        await using var platform = await PlatformRun.StartAsync(null, cancellationToken);
        var champions = new Champions(platform.SigningKey);
        try
        {
            if (ingest || latency)
            {
                var rate = await IngestScenario.RunAsync(report, platform, champions, cancellationToken);
                if (latency)
                {
                    await LatencyScenario.RunAsync(report, platform, champions, rate, resultsDirectory, cancellationToken);
                }
            }

            if (feeds)
            {
                await FeedsScenario.RunAsync(report, platform, champions, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The platform scenarios failed: {ex.Message}\nLast lines of the AppHost's output:\n{platform.Tail(60)}");
            throw;
        }
    }
}
