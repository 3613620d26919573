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
            while (true)
            {
                var result = await CheckAsync(check, ct);
                if (result.Status == HealthStatus.Healthy)
                {
                    break;
                }

                if (server.HasExited)
                {
                    throw new ServerStartException($"{what} exited during startup. Last check: {Describe(result)}\n{log()}", result.Exception);
                }

                if (clock.Elapsed > timeout)
                {
                    throw new ServerStartException(
                        $"{what} was not ready after {timeout.TotalSeconds:0} s. Last check: {Describe(result)}\n{log()}", result.Exception);
                }

                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>
    /// A server that someone else runs (test.sh's, CI's): throws unless it is Healthy within a minute. It is there,
    /// but with every test assembly starting platforms at once one 5-second attempt can miss it.
    /// </summary>
    public static async Task EnsureHealthyAsync(IHealthCheck check, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await CheckAsync(check, ct);
            if (result.Status == HealthStatus.Healthy)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"{Describe(result)} (still after {clock.Elapsed.TotalSeconds:0} s)", result.Exception);
            }

            await Task.Delay(500, ct);
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
