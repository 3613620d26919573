using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// Ports for the local servers, remembered in their folder so that connection strings stay the same from one run to
/// the next (and across a restart of a crashed server); a remembered port that something else holds now is replaced.
/// </summary>
internal static class StickyPorts
{
    public static int[] For(string folder, int count)
    {
        var file = Path.Combine(folder, "ports");
        var remembered = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0).ToArray()
            : [];
        if (remembered.Length == count && remembered.All(IsFree))
        {
            return remembered;
        }

        var ports = Take(count);
        File.WriteAllLines(file, ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return ports;
    }

    private static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static bool IsFree(int port)
    {
        if (port <= 0)
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
