using System.Diagnostics;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

internal static class Readiness
{
    /// <summary>
    /// Polls <paramref name="probe"/> until it succeeds. Fails early when <paramref name="exited"/> reports that the
    /// server process died, and after <paramref name="timeout"/>; both failures carry the server log.
    /// </summary>
    public static async Task WaitAsync(
        string what,
        Func<CancellationToken, Task> probe,
        Func<bool> exited,
        Func<string> log,
        TimeSpan timeout,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await probe(attempt.Token);
                    return;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    last = ex;
                }
            }

            if (exited())
            {
                throw new ServerStartException($"{what} exited during startup. Last probe error: {last?.Message}\n{log()}", last);
            }

            if (clock.Elapsed > timeout)
            {
                throw new ServerStartException(
                    $"{what} was not ready after {timeout.TotalSeconds:0} s. Last probe error: {last?.Message}\n{log()}", last);
            }

            await Task.Delay(100, ct);
        }
    }
}
