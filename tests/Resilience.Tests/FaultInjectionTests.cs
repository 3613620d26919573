using ChampionNetwork.TestInfrastructure.Chaos;
using Xunit.Abstractions;

namespace ChampionNetwork.Resilience.Tests;

/// <summary>
/// Issue 6: 2,000 submissions while Surveys, the InsightHub silo, RabbitMQ's Erlang VM, redis-server and the postgres
/// postmaster are each killed with SIGKILL, one after another, and started again by the AppHost's restart policy (the
/// platform runs in this process through PlatformHost). Every submission that got a 202 is stored once in surveysdb and
/// counted once in the feed; one that ended in an error is absent, or present once if a retry with its
/// Idempotency-Key got through. Nothing the platform started outlives it.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_acknowledged_submission_is_counted_exactly_once_through_five_kills()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var run = new ChaosRun(new ChaosOptions { Submissions = 2_000, Clients = 8 }, new TestOutputLogger(output, TimeProvider.System));

        var result = await run.RunAsync(cancel.Token);

        output.WriteLine(result.Describe());
        Console.WriteLine(result.Describe());
        Assert.Equal(Fault.All.Count, result.Recoveries.Count);
        Assert.True(result.Submissions.Count >= 2_000, $"only {result.Submissions.Count} submissions were sent");
        Assert.True(result.Accepted > 0, "nothing was accepted");
        Assert.True(result.Retried > 0, "no submission was retried: did any fault reach a client?");
        Assert.Empty(result.Problems);
        Assert.Equal(result.StoredInSurveysDb, result.CountedInFeed);
    }
}
