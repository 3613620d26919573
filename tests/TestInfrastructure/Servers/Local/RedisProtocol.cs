using System.Net.Sockets;
using System.Text;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

internal static class RedisProtocol
{
    /// <summary>Sends PING over a fresh connection; throws unless the answer is +PONG (a loading server answers -LOADING).</summary>
    public static async Task PingAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, ct);
        var answer = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        if (answer != "+PONG")
        {
            throw new InvalidOperationException($"Redis answered PING with '{answer}'.");
        }
    }
}
