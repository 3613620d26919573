using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// The SSRF guard: a webhook may reach only public addresses. Loopback, private (RFC 1918, unique local), carrier-grade
/// NAT, link-local, cloud metadata, unspecified, multicast and reserved addresses are refused unless a network in
/// <see cref="WebhookOptions.AllowedNetworks"/> holds them. The check runs on the address actually connected to (the
/// HTTP handler's ConnectCallback resolves the name itself), so DNS rebinding and redirects cannot get around it.
/// </summary>
public sealed class WebhookTargetGuard
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local, 169.254.169.254 (AWS, GCP, Azure metadata) among them
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"), // multicast and reserved, broadcast included
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"), // NAT64 of any IPv4 address, private ones included
        IPNetwork.Parse("fc00::/7"), // unique local, fd00:ec2::254 (AWS metadata over IPv6) among them
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("2001:db8::/32"),
    ];

    private readonly IPNetwork[] _allowed;

    public WebhookTargetGuard(IOptions<SubscriptionOptions> options)
    {
        _allowed = [.. options.Value.Webhooks.AllowedNetworks.Select(IPNetwork.Parse)];
    }

    /// <summary>Null when the address may be reached; otherwise why not.</summary>
    public string? RefusalOf(IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(n => n.Contains(candidate)))
        {
            return null;
        }

        if (candidate.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return $"{candidate} is not an IP address";
        }

        foreach (var network in Refused)
        {
            if (network.Contains(candidate))
            {
                return $"{candidate} is a loopback, private, link-local or metadata address ({network}); allowlist it in {SubscriptionOptions.SectionName}:Webhooks:AllowedNetworks to deliver there";
            }
        }

        return null;
    }

    /// <summary>Resolves the host and connects to its first address the guard admits; refuses when it admits none.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            if (RefusalOf(address) is { } refusal)
            {
                refusals.Add(refusal);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new WebhookTargetRefusedException(refusals.Count == 0 ? $"{host} resolved to no address" : string.Join("; ", refusals.Distinct()));
    }
}

/// <summary>The SSRF guard refused the target: not retried.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
