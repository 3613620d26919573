namespace ChampionNetwork.TestInfrastructure;

internal static class RabbitMqUris
{
    /// <summary>amqp://user:password@host:port/vhost, with every part escaped ("/" for the default vhost).</summary>
    public static Uri Build(string host, int port, string user, string password, string? virtualHost)
    {
        var path = virtualHost is null ? string.Empty : Uri.EscapeDataString(virtualHost);
        return new Uri($"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}:{port}/{path}");
    }
}
