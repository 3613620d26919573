using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>ingest, latency, feeds and search share one run of the real AppHost (Release), through PlatformHost.</summary>
internal static class PlatformScenarios
{
    public static async Task RunAsync(Report report, bool ingest, bool latency, bool feeds, bool search, string resultsDirectory, CancellationToken cancellationToken)
    {
        Console.WriteLine("Starting the platform (AppHost, Release) …");
        await using var platform = await BenchmarkPlatform.StartAsync(cancellationToken);
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

            if (search)
            {
                await SearchScenario.RunAsync(report, platform, champions, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"The platform scenarios failed: {ex.Message}\nResources: {platform.Describe()}");
            throw;
        }
    }
}
