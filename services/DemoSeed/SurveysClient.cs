using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.DemoSeed;

/// <summary>The Surveys API as the seeder uses it: create a campaign, read its status, submit a response.</summary>
public sealed class SurveysClient(HttpClient http)
{
    public async Task<Guid> CreateCampaignAsync(string adminToken, object campaign, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns") { Content = JsonContent.Create(campaign) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/campaigns answered {(int)response.StatusCode}: {body?.ToJsonString()}");
        }

        return body!["id"]!.GetValue<Guid>();
    }

    public async Task<string?> StatusAsync(string token, Guid campaign, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{campaign}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonNode>(ct))?["status"]?.ToString() : null;
    }

    /// <summary>True for a 202; an Idempotency-Key makes the resilience handler's retries safe.</summary>
    public async Task<bool> SubmitAsync(string championToken, Guid campaign, string organisation, object[] answers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{campaign}/responses")
        {
            Content = JsonContent.Create(new { organisationCode = organisation, answers }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", championToken);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.Accepted;
    }
}

/// <summary>InsightHub's feeds, to know when the seeded figures are visible.</summary>
public sealed class FeedsClient(HttpClient http)
{
    public async Task<double?> ResponsesAsync(string analystToken, string area, Guid campaign, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/areas/{area}?campaign={campaign}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", analystToken);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var feed = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return feed?["campaigns"]?.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();
    }
}
