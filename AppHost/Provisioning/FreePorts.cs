using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChampionNetwork.AppHost.Provisioning;

internal static class FreePorts
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Handed = [];
    private static readonly Dictionary<string, int> StickyHanded = [];

    /// <summary>A free loopback port never handed out before in this process.</summary>
    public static int Take()
    {
        lock (Gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>
    /// The port remembered in <paramref name="file"/> when it is free again (stable URLs across runs), else a new one.
    /// Asked again for the same file in this process (a crashed server restarted), the same port, free or not yet:
    /// its clients keep their connection strings, and a start that finds it still bound fails and is retried.
    /// </summary>
    public static int Sticky(string file)
    {
        lock (Gate)
        {
            if (StickyHanded.TryGetValue(Path.GetFullPath(file), out var again))
            {
                return again;
            }
        }

        var port = StickyFirst(file);
        lock (Gate)
        {
            StickyHanded[Path.GetFullPath(file)] = port;
        }

        return port;
    }

    private static int StickyFirst(string file)
    {
        if (File.Exists(file)
            && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var previous)
            && IsFree(previous))
        {
            lock (Gate)
            {
                if (Handed.Add(previous))
                {
                    return previous;
                }
            }
        }

        var port = Take();
        File.WriteAllText(file, port.ToString(CultureInfo.InvariantCulture));
        return port;
    }

    /// <summary>Takes <paramref name="port"/> if it is free and not handed out yet.</summary>
    public static bool TryReserve(int port)
    {
        lock (Gate)
        {
            return !Handed.Contains(port) && IsFree(port) && Handed.Add(port);
        }
    }

    public static bool IsFree(int port)
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
