using ChampionNetwork.LocalServers;

namespace ChampionNetwork.TestInfrastructure;

internal static class InstallHint
{
    public const string Command = "Install the servers with: " + Binaries.InstallCommand + ".";
}
