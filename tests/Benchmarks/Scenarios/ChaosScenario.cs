using System.Globalization;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Chaos;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>chaos</c>: Resilience.Tests' fault-injection run, longer: 100,000 submissions through the Release platform
/// while Surveys, the InsightHub silo, RabbitMQ, Redis and PostgreSQL are each killed with SIGKILL and restarted.
/// </summary>
internal static class ChaosScenario
{
    public static async Task RunAsync(Report report, int submissions, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        var options = new ChaosOptions
        {
            Submissions = submissions,
            Settings = BenchmarkPlatform.Settings,
            RecoveryTimeout = TimeSpan.FromMinutes(3),
            FeedSettleTimeout = TimeSpan.FromSeconds(60),
        };
        var result = await new ChaosRun(options, logging.CreateLogger("chaos")).RunAsync(cancellationToken);
        Console.WriteLine(result.Describe());

        static Measured One(double value) => Measured.Of([value]);
        report.Add(new ResultRow("chaos", "submissions", "count", One(result.Submissions.Count)));
        report.Add(new ResultRow("chaos", "accepted (202, or 409 already-answered on a retry)", "count", One(result.Accepted + result.AlreadyStored)));
        report.Add(new ResultRow("chaos", "errors (gave up after retries)", "count", One(result.Errors)));
        report.Add(new ResultRow("chaos", "retried (same Idempotency-Key)", "count", One(result.Retried)));
        report.Add(new ResultRow("chaos", "stored in surveysdb / counted in the Scotland feed", "count", One(result.StoredInSurveysDb),
            Goal: $"feed = surveysdb = {result.CountedInFeed?.ToString(CultureInfo.InvariantCulture) ?? "none"}", Met: result.CountedInFeed == result.StoredInSurveysDb));
        report.Add(new ResultRow("chaos", "counted exactly once", "yes/no", One(result.CountedExactlyOnce ? 1 : 0), Goal: "yes", Met: result.CountedExactlyOnce));
        foreach (var recovery in result.Recoveries)
        {
            report.Add(new ResultRow("chaos", $"recovery after kill -9 {recovery.Fault.Name} (healthy {recovery.Healthy.TotalSeconds:0.0} s)", "s", One(recovery.Accepting.TotalSeconds)));
        }

        report.AddExtra("chaos.duration_s", result.Duration.TotalSeconds);
    }
}
