using System.Diagnostics;
using System.Net;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>A closed loop: <c>concurrency</c> workers each post the next pre-generated token's submission until the tokens or the time run out.</summary>
internal static class ClosedLoad
{
    public sealed record Outcome(int Accepted, int Rejected, TimeSpan Elapsed);

    public static async Task<Outcome> RunAsync(HttpClient client, Uri url, string[] tokens, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = -1;
        var accepted = 0;
        var rejected = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while (clock.Elapsed < duration && (i = Interlocked.Increment(ref next)) < tokens.Length)
            {
                using var request = Champions.Submission(url, tokens[i]);
                using var response = await client.SendAsync(request, cancellationToken);
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Accepted ? ref accepted : ref rejected);
            }
        });
        await Task.WhenAll(workers);
        return new Outcome(accepted, rejected, clock.Elapsed);
    }
}
