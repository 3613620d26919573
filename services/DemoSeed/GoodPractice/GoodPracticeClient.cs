using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChampionNetwork.DemoSeed.GoodPractice;

/// <summary>The GoodPractice API as the seeder uses it: share, adopt, endorse, and whether anything is shared yet.</summary>
public sealed class GoodPracticeClient(HttpClient http)
{
    public async Task<bool> AnySharedAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/practices?limit=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return response.IsSuccessStatusCode
            ? body?["items"]?.AsArray().Count > 0
            : throw new InvalidOperationException($"GET /api/practices answered {(int)response.StatusCode}: {body?.ToJsonString()}");
    }

    public async Task<Guid> ShareAsync(string editorToken, JsonObject practice, CancellationToken ct)
    {
        var body = await SendAsync(editorToken, "/api/practices", practice, ct);
        return body!["id"]!.GetValue<Guid>();
    }

    public Task AdoptAsync(string editorToken, Guid practice, object adoption, CancellationToken ct) =>
        SendAsync(editorToken, $"/api/practices/{practice}/adoptions", adoption, ct);

    public Task EndorseAsync(string editorToken, Guid practice, CancellationToken ct) =>
        SendAsync(editorToken, $"/api/practices/{practice}/endorsements", new { }, ct);

    private async Task<JsonNode?> SendAsync(string token, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        // A retry after a lost answer finds the adoption or endorsement recorded already: that is success too.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {answer?.ToJsonString()}");
        }

        return answer;
    }
}
