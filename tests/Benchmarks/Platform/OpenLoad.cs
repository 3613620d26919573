using System.Diagnostics;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// An open loop at a fixed rate: submission i is due at start + i/rate and is sent then (or at once if late), without
/// waiting for earlier ones. Latencies are taken from the due time, so a stall delays every submission behind it
/// (no coordinated omission). In bursts, every submission of a burst is due at the burst's start: the arrivals
/// Surveys' release gives the bus, a release's worth at once.
/// </summary>
internal static class OpenLoad
{
    /// <summary>Sends every token at <paramref name="perSecond"/> and calls <paramref name="send"/>; returns each one's due time (stopwatch ticks).</summary>
    /// <param name="inBurstsEvery">When set, the same rate in bursts this far apart.</param>
    public static async Task<long[]> RunAsync(int count, double perSecond, Stopwatch clock, Func<int, Task> send, CancellationToken cancellationToken, TimeSpan? inBurstsEvery = null)
    {
        var due = new long[count];
        var start = clock.ElapsedTicks;
        var inFlight = new List<Task>(count);
        var perBurst = inBurstsEvery is { } every ? Math.Max(1, (int)(perSecond * every.TotalSeconds)) : 1;
        for (var i = 0; i < count; i++)
        {
            // Due when the first of its burst would be (evenly spaced, each is a burst of one).
            due[i] = start + (long)((i - i % perBurst) * Stopwatch.Frequency / perSecond);
            var wait = due[i] - clock.ElapsedTicks;
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), cancellationToken);
            }

            inFlight.Add(send(i));
        }

        await Task.WhenAll(inFlight);
        return due;
    }
}
