using System.Diagnostics;
using OpenTelemetry;

namespace ChampionNetwork.ServiceDefaults;

/// <summary>
/// Takes off every span, before any exporter sees it, what would describe the person behind a request rather than
/// the request: their user agent, their address and port, and the query string (a URL keeps its path). The ASP.NET Core and HttpClient
/// instrumentations add these (under today's and the older semantic-convention names); the route, method and status
/// stay, so tracing still shows what happened.
/// </summary>
public sealed class RequesterTagsProcessor : BaseProcessor<Activity>
{
    /// <summary>The span attributes no exported span may carry.</summary>
    public static readonly IReadOnlyList<string> RemovedTags =
    [
        "user_agent.original",
        "http.user_agent",
        "client.address",
        "client.port",
        "client.socket.address",
        "client.socket.port",
        "network.peer.address",
        "network.peer.port",
        "net.peer.ip",
        "net.peer.port",
        "net.sock.peer.addr",
        "net.sock.peer.port",
        "http.client_ip",
        "url.query",
    ];

    /// <summary>Attributes holding a URL or target that keep their value without its query string.</summary>
    private static readonly string[] UrlTags = ["url.full", "http.url", "http.target"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in RemovedTags)
        {
            if (activity.GetTagItem(tag) is not null)
            {
                activity.SetTag(tag, null);
            }
        }

        foreach (var tag in UrlTags)
        {
            if (activity.GetTagItem(tag) is string url && url.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
            {
                activity.SetTag(tag, url[..query]);
            }
        }
    }
}
