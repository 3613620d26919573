using DotNet.Testcontainers.Containers;

namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

/// <summary>rabbitmqctl inside the container: works with any rabbitmq image, with or without the management plugin.</summary>
internal sealed class ContainerRabbitMqAdmin(IContainer container) : IRabbitMqAdmin
{
    public async Task CreateVirtualHostAsync(string name, string user, CancellationToken ct)
    {
        await ExecAsync(["rabbitmqctl", "add_vhost", name], ct);
        await ExecAsync(["rabbitmqctl", "set_permissions", "-p", name, user, ".*", ".*", ".*"], ct);
    }

    private async Task ExecAsync(IList<string> command, CancellationToken ct)
    {
        var result = await container.ExecAsync(command, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({result.ExitCode}): {result.Stderr}{result.Stdout}");
        }
    }
}
