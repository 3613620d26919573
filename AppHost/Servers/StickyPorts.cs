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

    /// <summary>
    /// Free ports below the kernel's ephemeral range (32768+), as infra/servers/lib.sh picks them: DCP takes its proxy
    /// ports from that range once the AppHost runs, and one it took could be a port handed to a server here.
    /// </summary>
    private static int[] Take(int count)
    {
        var ports = new List<int>(count);
        for (var tries = 0; ports.Count < count; tries++)
        {
            if (tries > 2000)
            {
                throw new InvalidOperationException("No free port below 32768 for the local servers.");
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
