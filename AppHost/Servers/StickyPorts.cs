using System.Globalization;
using ChampionNetwork.LocalServers;

namespace ChampionNetwork.AppHost.Servers;

/// <summary>
/// Ports for the local servers, remembered in their folder so that connection strings stay the same from one run to
/// the next (and across a restart of a crashed server); a remembered port that something else holds now is replaced by
/// new ones from <see cref="FreePorts"/>.
/// </summary>
internal static class StickyPorts
{
    public static int[] For(string folder, int count)
    {
        var file = Path.Combine(folder, "ports");
        var remembered = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0).ToArray()
            : [];
        if (remembered.Length == count && remembered.All(FreePorts.IsFree))
        {
            return remembered;
        }

        var ports = FreePorts.Take(count);
        File.WriteAllLines(file, ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return ports;
    }
}
