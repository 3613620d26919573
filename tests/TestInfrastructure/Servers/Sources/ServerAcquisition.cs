namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

/// <summary>One way to get a server: a description for error messages, whether it applies here, and how to start it.</summary>
internal sealed record ServerOption<T>(string WhenMissing, Func<bool> IsAvailable, Func<CancellationToken, Task<T>> StartAsync);

/// <summary>Tries the environment variable, then a container, then a local binary; never skips, fails with one clear message.</summary>
internal static class ServerAcquisition
{
    public static async Task<T> AcquireAsync<T>(
        string serverName,
        string environmentVariable,
        Func<string, CancellationToken, Task<T>> fromEnvironment,
        ServerOption<T> container,
        ServerOption<T> local,
        CancellationToken ct)
    {
        if (TestServerEnvironment.Get(environmentVariable) is { } configured)
        {
            // An explicit setting wins; when it is wrong we say so instead of quietly using another server.
            try
            {
                return await fromEnvironment(configured, ct);
            }
            catch (Exception ex) when (ex is not ServerStartException and not OperationCanceledException)
            {
                throw new ServerStartException(
                    $"{environmentVariable} is set, but the {serverName} it names did not answer: {ex.Message}", ex);
            }
        }

        var tried = new List<string> { $"{environmentVariable} is not set" };
        if (container.IsAvailable())
        {
            try
            {
                return await container.StartAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                tried.Add($"the {serverName} container failed to start ({ex.GetType().Name}: {ex.Message})");
            }
        }
        else
        {
            tried.Add(container.WhenMissing);
        }

        if (local.IsAvailable())
        {
            try
            {
                return await local.StartAsync(ct);
            }
            catch (ServerStartException ex)
            {
                throw new ServerStartException($"{string.Join("; ", tried)}; and the local {serverName} failed: {ex.Message}", ex);
            }
        }

        tried.Add(local.WhenMissing);
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? " CI=true: a missing server fails the run; tests are never skipped."
            : string.Empty;
        throw new ServerStartException($"No {serverName} for tests: {string.Join("; ", tried)}. {InstallHint.Command}{ci}");
    }
}
