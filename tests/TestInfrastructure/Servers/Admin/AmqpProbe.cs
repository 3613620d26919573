using RabbitMQ.Client;

namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

internal static class AmqpProbe
{
    /// <summary>Opens and closes one AMQP connection: a full protocol handshake, not just an open port.</summary>
    public static async Task ProbeAsync(Uri amqpUri, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            AutomaticRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync("championnetwork-test-probe", ct);
        await connection.CloseAsync(ct);
    }
}
