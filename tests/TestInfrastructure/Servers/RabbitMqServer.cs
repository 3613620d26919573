using ChampionNetwork.TestInfrastructure.Servers.Admin;

namespace ChampionNetwork.TestInfrastructure;

/// <summary>The broker shared by every test in this process; isolate test classes by vhost.</summary>
public sealed class RabbitMqServer
{
    private readonly IRabbitMqAdmin _admin;

    internal RabbitMqServer(string host, int port, string username, string password, IRabbitMqAdmin admin, ServerSource source)
    {
        Host = host;
        Port = port;
        Username = username;
        Password = password;
        _admin = admin;
        Source = source;
    }

    public string Host { get; }

    public int Port { get; }

    public string Username { get; }

    public string Password { get; }

    public ServerSource Source { get; }

    /// <summary>The default vhost "/"; prefer <see cref="CreateVirtualHostAsync"/> in tests.</summary>
    public Uri AmqpUri => RabbitMqUris.Build(Host, Port, Username, Password, virtualHost: null);

    /// <summary>Creates an isolated vhost with full permissions for <see cref="Username"/> and returns its AMQP URI.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await _admin.CreateVirtualHostAsync(name, Username, ct);
        return RabbitMqUris.Build(Host, Port, Username, Password, name);
    }
}
