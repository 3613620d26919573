using System.Net;
using System.Net.Sockets;

namespace ChampionNetwork.LocalServers;

/// <summary>
/// Free loopback ports below the kernel's ephemeral range (32768+), as lib.sh picks them: an outgoing connection, or
/// DCP choosing its proxy ports once the AppHost runs, never takes one that was handed to a server meanwhile.
/// </summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct free ports from 20000 to 31999.</summary>
    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        for (var tries = 0; ports.Count < count; tries++)
        {
            if (tries > 2000)
            {
                throw new InvalidOperationException("No free port below 32768.");
            }

            var port = Random.Shared.Next(20000, 32000);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    /// <summary>Whether nothing listens on the loopback port now.</summary>
    public static bool IsFree(int port)
    {
        if (port is <= 0 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
