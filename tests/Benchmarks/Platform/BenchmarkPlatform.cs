using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>The platform as the benchmarks run it: PlatformHost on the real AppHost (this build's configuration: Release), demo seeder off.</summary>
internal static class BenchmarkPlatform
{
    /// <summary>
    /// Demo seeder off (the benchmarks bring their own load). The AppHost logs in this process: only warnings, and none of
    /// the resources' own lines (its resource console still surfaces their warnings and errors) nor the readiness probes
    /// that fail until a server is up.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["DemoSeed:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:ChampionNetwork.AppHost.Resources"] = "None",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
    };

    public static Task<PlatformHost> StartAsync(CancellationToken cancellationToken) => StartAsync(Settings, cancellationToken);

    /// <summary>With other settings (they should start from <see cref="Settings"/>).</summary>
    public static async Task<PlatformHost> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var platform = await PlatformHost.StartAsync(new PlatformHostOptions { Settings = settings }, cancellationToken);
        try
        {
            await platform.WaitUntilHealthyAsync(PlatformHostOptions.Resources, TimeSpan.FromMinutes(3), cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }
}
