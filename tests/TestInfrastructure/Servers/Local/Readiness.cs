using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

/// <summary>Runs the recipes' readiness checks (infra/servers) outside a health-check service.</summary>
internal static class Readiness
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Polls <paramref name="checks"/>, in order, until each is Healthy. Fails early when <paramref name="server"/>
    /// exited, and after <paramref name="timeout"/>; both failures carry the server log.
    /// </summary>
    public static async Task WaitAsync(
        string what,
        ChildProcess server,
        Func<string> log,
        TimeSpan timeout,
        CancellationToken ct,
        params IHealthCheck[] checks)
    {
        var clock = Stopwatch.StartNew();
        foreach (var check in checks)
        {
            if (await UntilHealthyAsync(check, clock, timeout, TimeSpan.FromMilliseconds(100), () => server.HasExited, ct) is not { } result)
            {
                continue;
            }

            throw server.HasExited
                ? new ServerStartException($"{what} exited during startup. Last check: {Describe(result)}\n{log()}", result.Exception)
                : new ServerStartException($"{what} was not ready after {timeout.TotalSeconds:0} s. Last check: {Describe(result)}\n{log()}", result.Exception);
        }
    }

    /// <summary>
    /// A server that someone else runs (test.sh's, CI's): throws unless it is Healthy within a minute. It is there,
    /// but with every test assembly starting platforms at once one 5-second attempt can miss it.
    /// </summary>
    public static async Task EnsureHealthyAsync(IHealthCheck check, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await UntilHealthyAsync(check, clock, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), () => false, ct) is { } result)
        {
            throw new InvalidOperationException($"{Describe(result)} (still after {clock.Elapsed.TotalSeconds:0} s)", result.Exception);
        }
    }

    /// <summary>Checks every <paramref name="interval"/>: null once Healthy, else the last result after the timeout or once <paramref name="gaveUp"/>.</summary>
    private static async Task<HealthCheckResult?> UntilHealthyAsync(IHealthCheck check, Stopwatch clock, TimeSpan timeout, TimeSpan interval, Func<bool> gaveUp, CancellationToken ct)
    {
        while (true)
        {
            var result = await CheckAsync(check, ct);
            if (result.Status == HealthStatus.Healthy)
            {
                return null;
            }

            if (gaveUp() || clock.Elapsed > timeout)
            {
                return result;
            }

            await Task.Delay(interval, ct);
        }
    }

    private static async Task<HealthCheckResult> CheckAsync(IHealthCheck check, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(AttemptTimeout);
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("readiness", check, HealthStatus.Unhealthy, tags: null),
        };
        try
        {
            return await check.CheckHealthAsync(context, attempt.Token);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A server still booting can fail a check in ways the check does not expect (a connection closed mid-handshake).
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }

    private static string Describe(HealthCheckResult result) =>
        result.Description ?? result.Exception?.Message ?? result.Status.ToString();
}
