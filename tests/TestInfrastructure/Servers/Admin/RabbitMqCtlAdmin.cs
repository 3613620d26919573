using ChampionNetwork.TestInfrastructure.Servers.Local;

namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

/// <summary>
/// rabbitmqctl against a node we started (same HOME for the Erlang cookie, same epmd port). About 350 ms per call,
/// so 700 ms per vhost: fine for private brokers, which create one or two.
/// </summary>
internal sealed class RabbitMqCtlAdmin(string rabbitmqctl, string nodeName, IReadOnlyDictionary<string, string> environment, string logPath)
    : IRabbitMqAdmin
{
    public async Task CreateVirtualHostAsync(string name, string user, CancellationToken ct)
    {
        await RunAsync(["add_vhost", name], ct);
        await RunAsync(["set_permissions", "-p", name, user, ".*", ".*", ".*"], ct);
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            rabbitmqctl, ["-q", "-n", nodeName, .. arguments], logPath, TimeSpan.FromSeconds(60), ct, environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed with exit code {exitCode}: {output}");
        }
    }
}
