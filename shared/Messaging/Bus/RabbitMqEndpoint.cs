namespace ChampionNetwork.Messaging.Bus;

/// <summary>
/// An AMQP URI as Aspire writes it into ConnectionStrings (amqp://user:pass@host:port/vhost), split into the
/// parts MassTransit's host configurator wants.
/// </summary>
public sealed record RabbitMqEndpoint(string Host, int Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            throw new FormatException("The RabbitMQ connection string must be an AMQP URI such as amqp://guest:guest@localhost:5672/.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqEndpoint(uri.Host, uri.IsDefaultPort ? 5672 : uri.Port, vhost.Length == 0 ? "/" : vhost, username, password);
    }
}
