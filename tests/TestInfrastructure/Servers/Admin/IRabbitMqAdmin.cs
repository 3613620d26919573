namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

/// <summary>Creates virtual hosts: through the management HTTP API, or rabbitmqctl inside a container.</summary>
internal interface IRabbitMqAdmin
{
    Task CreateVirtualHostAsync(string name, string user, CancellationToken ct);
}
