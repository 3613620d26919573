using System.Diagnostics;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// Runs surveys-api as its own process with the given settings, as an operator would start it, and waits for it to
/// exit. For start-up failures: in process, WebApplicationFactory can report a disposed service provider instead of
/// the host's own exception when the start fails (dotnet/aspnetcore#33494).
/// </summary>
internal static class ServiceProcess
{
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        // The same dotnet that runs the tests, so that no DOTNET_ROOT is needed.
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "ChampionNetwork.Surveys.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // As WebApplicationFactory would: Development unless the settings name another environment.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            var name = key == "environment" ? "ASPNETCORE_ENVIRONMENT" : key.Replace(":", "__", StringComparison.Ordinal);
            start.Environment.Remove(name);
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"surveys-api was still running after {timeout}: it should have refused to start.");
        }

        return (process.ExitCode, await output + await error);
    }
}
