using System.Net;
using System.Net.Sockets;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

internal static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free loopback ports below the kernel's ephemeral range (32768+), as
    /// infra/servers/lib.sh picks them: an outgoing connection, or DCP choosing its proxy ports, never takes one meanwhile.
    /// </summary>
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

    private static bool IsFree(int port)
    {
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
