using System.Net;
using System.Net.Sockets;

namespace ChampionNetwork.TestInfrastructure.Servers.Local;

internal static class FreePorts
{
    /// <summary>Asks the OS for <paramref name="count"/> distinct free loopback ports (all held at once, then released).</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
