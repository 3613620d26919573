using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.DemoSeed.CaseStudies;

/// <summary>The CaseStudies API as the seeder uses it: start, record consent, give workflow commands.</summary>
public sealed class CaseStudiesClient(HttpClient http)
{
    public async Task<bool> AnyAsync(string token, CancellationToken ct)
    {
        var body = await SendAsync(HttpMethod.Get, token, "/api/case-studies", null, ct);
        return body!.AsArray().Count > 0;
    }

    public async Task<Guid> StartAsync(string editorToken, object content, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, editorToken, "/api/case-studies", content, ct))!["id"]!.GetValue<Guid>();

    public Task GiveConsentAsync(string editorToken, Guid caseStudy, string person, object consent, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, editorToken, $"/api/case-studies/{caseStudy}/consents/{person}", consent, ct);

    public Task EditAsync(string editorToken, Guid caseStudy, int edition, object content, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, editorToken, $"/api/case-studies/{caseStudy}/editions/{edition}", content, ct);

    /// <summary>
    /// Gives a command. A retry after a lost answer (the resilience handler retries slow requests) finds the edition
    /// already where the command leads, <paramref name="leadsTo"/>: a 409 naming that state is success too.
    /// </summary>
    public Task CommandAsync(string token, Guid caseStudy, int edition, string command, object? arguments, string leadsTo, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, token, $"/api/case-studies/{caseStudy}/editions/{edition}/{command}", arguments ?? new { }, ct,
            conflict => conflict?["currentState"]?.GetValue<string>() == leadsTo
                || conflict?["type"]?.GetValue<string>() == "https://championnetwork.scot/problems/case-study-conflict");

    private async Task<JsonNode?> SendAsync(HttpMethod method, string token, string path, object? body, CancellationToken ct, Func<JsonNode?, bool>? settled = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return response.IsSuccessStatusCode || (response.StatusCode == System.Net.HttpStatusCode.Conflict && settled?.Invoke(answer) == true)
            ? answer
            : throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {answer?.ToJsonString()}");
    }
}
