using System.Net.Sockets;
using System.Text;
using ChampionNetwork.AppHost.Model;
using Npgsql;
using RabbitMQ.Client;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>Health of a server: a real protocol exchange (AMQP handshake, Redis PING, SELECT 1), not just an open port.</summary>
internal static class ServerProbes
{
    public static Task ProbeAsync(IResourceWithConnectionString resource, CancellationToken ct) =>
        ProbeAsync(resource, resource.ConnectionString ?? throw new InvalidOperationException($"'{resource.Name}' has no connection string yet."), ct);

    public static Task ProbeAsync(IResource resource, string connectionString, CancellationToken ct) =>
        resource switch
        {
            RabbitMQServerResource => AmqpAsync(new Uri(connectionString), ct),
            RedisResource => RedisPingAsync(connectionString, ct),
            PostgresServerResource => PostgresAsync(connectionString + ";Database=postgres", ct),
            PostgresDatabaseResource => PostgresAsync(connectionString, ct),
            _ => throw new InvalidOperationException($"No probe for '{resource.Name}'."),
        };

    public static async Task AmqpAsync(Uri uri, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3), AutomaticRecoveryEnabled = false };
        await using var connection = await factory.CreateConnectionAsync("championnetwork-apphost-probe", ct);
        await connection.CloseAsync(ct);
    }

    public static async Task RedisPingAsync(string connectionString, CancellationToken ct)
    {
        var parts = connectionString.Split(',')[0].Split(':');
        using var client = new TcpClient();
        await client.ConnectAsync(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), ct);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, ct);
        var reply = Encoding.ASCII.GetString(buffer, 0, read);
        if (!reply.StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Redis answered '{reply.Trim()}' to PING.");
        }
    }

    public static async Task PostgresAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
    }
}
