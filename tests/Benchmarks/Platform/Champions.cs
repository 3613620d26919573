using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>Pre-generated champion tokens (a distinct <c>sub</c> each: one response per champion per campaign) and the body they post.</summary>
internal sealed class Champions(string signingKey)
{
    public const string Organisation = "S08000015";
    public const string Body = """{ "organisationCode": "S08000015", "answers": [{"itemId":"valued","value":4},{"itemId":"workload","value":3},{"itemId":"support","value":5}] }""";
    private readonly IdentityOptions _identity = new() { SigningKey = signingKey };
    private int _next;

    public string[] Tokens(int count)
    {
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = DevelopmentSigningKey.IssueToken(_identity, $"bench-champion-{Interlocked.Increment(ref _next)}", [Roles.Champion], Organisation, TimeProvider.System, TimeSpan.FromHours(2));
        }

        return tokens;
    }

    public string Analyst() => DevelopmentSigningKey.IssueToken(_identity, "bench-analyst", [Roles.PolicyAnalyst], null, TimeProvider.System, TimeSpan.FromHours(2));

    public static HttpRequestMessage Submission(Uri url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpClient Client(DecompressionMethods decompression = DecompressionMethods.None) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = decompression,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
