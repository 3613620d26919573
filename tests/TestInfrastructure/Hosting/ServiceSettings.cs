using System.Net;
using System.Net.Sockets;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.TestInfrastructure.Hosting;

/// <summary>
/// The configuration a service gets from the AppHost (ConnectionStrings__*, Orleans__*, Identity__*), built for
/// servers and an identity of the test's own.
/// </summary>
public static class ServiceSettings
{
    public static Dictionary<string, string?> Surveys(Uri eventBus, string surveysDb, TestIdentity identity) =>
        new(Common(eventBus, identity))
        {
            ["ConnectionStrings:surveysdb"] = surveysDb,
            ["Anonymity:LedgerSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // Accepted responses are released every second, not daily: tests wait for what they sent.
            ["Anonymity:ReleaseEvery"] = "00:00:01",
        };

    public static Dictionary<string, string?> GoodPractice(Uri eventBus, string goodPracticeDb, TestIdentity identity) =>
        new(Common(eventBus, identity))
        {
            ["ConnectionStrings:goodpracticedb"] = goodPracticeDb,
        };

    public static Dictionary<string, string?> CaseStudies(Uri eventBus, string caseStudiesDb, TestIdentity identity) =>
        new(Common(eventBus, identity))
        {
            ["ConnectionStrings:casestudiesdb"] = caseStudiesDb,
        };

    public static Dictionary<string, string?> InsightHub(Uri eventBus, string redis, string keyPrefix, string insightHubDb, TestIdentity identity) =>
        new(Common(eventBus, identity))
        {
            ["ConnectionStrings:redis"] = redis,
            ["ConnectionStrings:insighthubdb"] = insightHubDb,
            // ServiceId prefixes every Orleans key in Redis (membership and grain state): the test class's own prefix.
            ["Orleans:ServiceId"] = keyPrefix,
            ["Orleans:ClusterId"] = keyPrefix,
            ["Orleans:Endpoints:SiloPort"] = FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Feeds publish on a schedule (a day in production): every second, so that tests see figures soon.
            ["InsightHub:Snapshots:PublishEvery"] = "00:00:01",
            ["InsightHub:Subscriptions:UnsubscribeSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // Tests deliver webhooks to receivers on loopback only: the SSRF guard refuses it unless allowed.
            ["InsightHub:Subscriptions:Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
            ["InsightHub:Subscriptions:Webhooks:AllowedNetworks:1"] = "::1/128",
            ["InsightHub:Subscriptions:Delivery:PollInterval"] = "00:00:00.250",
        };

    /// <summary>The same settings as environment variables (<c>A__B</c>), for InsightHub run as a process.</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);

    private static Dictionary<string, string?> Common(Uri eventBus, TestIdentity identity) =>
        new(identity.Settings)
        {
            ["ConnectionStrings:eventbus"] = eventBus.ToString(),
            ["Outbox:PollIntervalMs"] = "250",
            ["Outbox:MaxBackoffMs"] = "1000",
            ["Outbox:PublishTimeoutMs"] = "3000",
            ["Logging:LogLevel:Default"] = "Warning",
        };

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
