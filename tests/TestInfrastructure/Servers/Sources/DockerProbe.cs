using DotNet.Testcontainers.Configurations;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class DockerProbe
{
    // About 200 ms when nothing answers. A docker client on PATH does not mean an engine is running.
    private static readonly Lazy<bool> s_engineAvailable = new(() =>
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null;
        }
#pragma warning disable CA1031 // Any failure to find an engine means "no engine".
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    });

    public static bool EngineAvailable => s_engineAvailable.Value;
}
