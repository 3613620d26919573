namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>/health is polled every 1 s while a resource is not healthy; once healthy the interval backs off to 5 s.</summary>
public static class HealthPolicy
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static TimeSpan Next(TimeSpan current, bool healthy) =>
        healthy ? TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Max.Ticks)) : First;

    /// <summary>A crashed service is restarted after 1, 2, 4, ... up to 30 s; the delay resets after a healthy minute.</summary>
    public static TimeSpan RestartDelay(int consecutiveFailures) =>
        TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Max(0, consecutiveFailures - 1))));
}
