using System.Diagnostics;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>ingest</c>: accepted submissions per second through the whole pipeline (HTTP, PostgreSQL and outbox, RabbitMQ,
/// grains) until Scotland's count in the feed equals the accepted count, over B-db; CPU ms per submission and peak RSS.
/// </summary>
internal static class IngestScenario
{
    public const int Concurrency = 32;
    public static readonly TimeSpan RunFor = TimeSpan.FromSeconds(10);
    private const int TokensPerRun = 12_000;

    /// <summary>Returns the median ingest rate (submissions/s), which the latency scenario takes half of.</summary>
    public static async Task<double> RunAsync(Report report, PlatformHost platform, Champions champions, CancellationToken cancellationToken)
    {
        using var client = Champions.Client();
        await using var bdb = await DbBaseline.StartAsync(await platform.PostgresAsync(cancellationToken), cancellationToken);
        var bdbUrl = new Uri(bdb.Url, $"/api/campaigns/{SampleInsight.Campaign}/responses");
        var baseline = await Measured.RepeatAsync(async () =>
        {
            var outcome = await ClosedLoad.RunAsync(client, bdbUrl, champions.Tokens(TokensPerRun), Concurrency, RunFor, cancellationToken);
            return outcome.Accepted / outcome.Elapsed.TotalSeconds;
        });
        report.Add(new ResultRow("ingest", $"B-db bare endpoint → PostgreSQL insert ({Concurrency} concurrent)", "req/s", baseline));

        var surveys = new Uri(platform.Endpoint("surveys-api"), $"/api/campaigns/{SampleInsight.Campaign}/responses");
        using var feed = new ScotlandFeed(platform.Endpoint("insighthub"), champions.Analyst());
        var cpuPerSubmission = new List<double>();
        var cpuByResource = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var acceptedRates = new List<double>();
        var usage = await ResourceUsage.StartAsync(platform, cancellationToken);
        var measured = await Measured.RepeatAsync(async () =>
        {
            var tokens = champions.Tokens(TokensPerRun);
            var before = await feed.CountAsync(cancellationToken);
            var cpu = usage.CpuMillisecondsSinceStart();
            var cpuBefore = usage.CpuMillisecondsByResourceSinceStart();
            var clock = Stopwatch.StartNew();
            var outcome = await ClosedLoad.RunAsync(client, surveys, tokens, Concurrency, RunFor, cancellationToken);
            await feed.WaitForAsync(before + outcome.Accepted, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(3), cancellationToken);
            var elapsed = clock.Elapsed;
            acceptedRates.Add(outcome.Accepted / outcome.Elapsed.TotalSeconds);
            cpuPerSubmission.Add((usage.CpuMillisecondsSinceStart() - cpu) / outcome.Accepted);
            foreach (var (resource, ms) in usage.CpuMillisecondsByResourceSinceStart())
            {
                (cpuByResource.TryGetValue(resource, out var runs) ? runs : cpuByResource[resource] = []).Add((ms - cpuBefore[resource]) / outcome.Accepted);
            }
            if (outcome.Rejected > 0)
            {
                Console.WriteLine($"  ingest: {outcome.Rejected} submissions were not accepted");
            }

            return outcome.Accepted / elapsed.TotalSeconds;
        });
        report.Add(new ResultRow("ingest", "submissions visible in the feed", "sub/s", measured, baseline, "≥ 0.7 of B-db", measured.Median / baseline.Median >= 0.7));
        report.Add(new ResultRow("ingest", "accepted by surveys-api (HTTP 202) while sending", "sub/s", Measured.Of(acceptedRates.Skip(1).ToList()), baseline));
        report.Add(new ResultRow("ingest", "CPU per submission, all processes", "CPU ms", Measured.Of(cpuPerSubmission.Skip(1).ToList())));
        foreach (var (resource, runs) in cpuByResource.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            report.Add(new ResultRow("ingest", $"CPU per submission, {resource}", "CPU ms", Measured.Of(runs.Skip(1).ToList())));
        }

        foreach (var (resource, mib) in usage.PeakRssMiB().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            report.Add(new ResultRow("ingest", $"peak RSS {resource}", "MiB", Measured.Of([mib])));
        }

        return measured.Median;
    }
}
