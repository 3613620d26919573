using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ChampionNetwork.LocalServers;

/// <summary>
/// A RabbitMQ node and the epmd it registers with (rabbitmq.sh epmd / run). epmd runs as a process of its own so that
/// whoever runs the node also owns epmd's pid; the node is named t{port}@localhost and its folder is also HOME.
/// </summary>
public static class RabbitMqRecipe
{
    public const string User = "guest";
    public const string Password = "guest";

    public static ServerCommand Epmd(string dataDirectory, int epmdPort) =>
        ServerCommand.Script("rabbitmq.sh", "epmd", dataDirectory, Text(epmdPort));

    /// <summary>With <paramref name="managementPort"/> the management plugin is loaded (about 0.5 s at start, 5 s at a graceful stop).</summary>
    public static ServerCommand Run(string dataDirectory, int port, int distributionPort, int epmdPort, int? managementPort = null) =>
        ServerCommand.Script("rabbitmq.sh", ["run", dataDirectory, Text(port), Text(distributionPort), Text(epmdPort), .. managementPort is { } m ? [Text(m)] : Array.Empty<string>()]);

    public static string NodeName(int port) => $"t{Text(port)}@localhost";

    public static Uri AmqpUri(int port, string? virtualHost = null) =>
        new($"amqp://{User}:{Password}@127.0.0.1:{Text(port)}/{Uri.EscapeDataString(virtualHost ?? string.Empty)}");

    /// <summary>A full AMQP handshake, not just an open port.</summary>
    public static IHealthCheck Readiness(Uri amqpUri) => new AmqpHandshake(amqpUri);

    public static bool IsInstalled => File.Exists(Binaries.RabbitMqServer) && Binaries.Epmd is not null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class AmqpHandshake(Uri amqpUri) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var factory = new ConnectionFactory { Uri = amqpUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3), AutomaticRecoveryEnabled = false };
            try
            {
                await using var connection = await factory.CreateConnectionAsync("championnetwork-readiness", cancellationToken);
                await connection.CloseAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, ex.Message, ex);
            }
        }
    }
}
