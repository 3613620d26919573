namespace ChampionNetwork.TestInfrastructure;

internal static class InstallHint
{
    public const string Command =
        "Install the servers with: sudo apt-get update && sudo apt-get install -y rabbitmq-server redis-server postgresql "
        + "(or run ./test.sh, which installs them and starts one private set for the whole run).";
}
