using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

internal static class Readiness
{
    /// <summary>Polls <paramref name="probe"/> every 100 ms until it succeeds; fails at once if the process exits, and after the timeout.</summary>
    public static async Task WaitAsync(string what, Func<CancellationToken, Task> probe, ChildProcess? process, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
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

            if (process is { HasExited: true })
            {
                throw new ProvisioningException($"{what} exited with code {process.Exited.Result} while starting (its log is above). Last probe: {last?.Message}");
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new ProvisioningException($"{what} was not ready after {timeout.TotalSeconds:0} s. Last probe: {last?.Message}", last!);
            }

            await Task.Delay(150, ct);
        }
    }
}
