using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>Calls the platform's APIs as its users would, with tokens signed by the run's development key.</summary>
internal sealed class PlatformClient(PlatformHost host)
{
    public static readonly Guid OpenDemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public static object[] Answers(int valued) =>
    [
        new { itemId = "valued", value = valued },
        new { itemId = "workload", value = 3 },
        new { itemId = "support", value = 5 },
    ];

    public HttpClient As(string resource, string role, string? organisation = null)
    {
        var identity = new IdentityOptions { SigningKey = host.SigningKey };
        var token = DevelopmentSigningKey.IssueToken(identity, $"test-{role}-{Guid.NewGuid():N}", [role], organisation, TimeProvider.System);
        var client = new HttpClient { BaseAddress = host.Endpoint(resource), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One champion's response; returns the status code.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Guid campaign, string organisation, object[] answers, string? traceParent = null)
    {
        using var champion = As("surveys-api", Roles.Champion, organisation);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{campaign}/responses")
        {
            Content = JsonContent.Create(new { organisationCode = organisation, answers }),
        };
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        return await champion.SendAsync(request);
    }

    /// <summary>The area's feed for one campaign, or null while it has none.</summary>
    public async Task<JsonNode?> CampaignFeedAsync(string area, Guid campaign)
    {
        using var analyst = As("insighthub", Roles.PolicyAnalyst);
        using var response = await analyst.GetAsync(new Uri($"/api/feeds/areas/{area}?campaign={campaign}", UriKind.Relative));
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonNode>())?["campaigns"]?.AsArray().FirstOrDefault() : null;
    }

    public async Task<double?> ResponsesInFeedAsync(string area, Guid campaign) =>
        (await CampaignFeedAsync(area, campaign))?["responses"]?["value"]?.GetValue<double?>();
}
