using System.Net.Http.Json;
using ChampionNetwork.Portal.Apis;
using Microsoft.AspNetCore.WebUtilities;

namespace ChampionNetwork.Portal.Features.Practices;

/// <summary>The GoodPractice API (goodpractice-api) as the signed-in person calls it.</summary>
public sealed class GoodPracticeClient(HttpClient http)
{
    private const string Service = "good-practice";

    public Task<ApiResult<SearchPage>> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["q"] = query.Q, ["pillar"] = query.Pillar, ["outcome"] = query.Outcome, ["organisation"] = query.Organisation,
            ["area"] = query.Area, ["tag"] = query.Tag, ["sort"] = query.Sort, ["cursor"] = query.Cursor, ["limit"] = "10",
        };
        var uri = QueryHelpers.AddQueryString("/api/practices", parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
        return http.GetAsync(uri, ct).ReadAsync<SearchPage>(Service, ct);
    }

    public Task<ApiResult<PracticeDetails>> PracticeAsync(Guid id, CancellationToken ct) =>
        http.GetAsync($"/api/practices/{id}", ct).ReadAsync<PracticeDetails>(Service, ct);

    public Task<ApiResult<PracticeDetails>> ShareAsync(PracticeSubmission practice, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/practices", practice, ct).ReadAsync<PracticeDetails>(Service, ct);

    public Task<ApiResult<PreviewResult>> PreviewAsync(string? body, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/practices/preview", new PreviewRequest(body), ct).ReadAsync<PreviewResult>(Service, ct);

    public Task<ApiResult<string>> AdoptAsync(Guid id, AdoptionSubmission adoption, CancellationToken ct) =>
        http.PostAsJsonAsync($"/api/practices/{id}/adoptions", adoption, ct).ReadAsync<string>(Service, ct);

    public Task<ApiResult<LikeMine>> LikeMineAsync(string like, CancellationToken ct) =>
        http.GetAsync($"/api/practices/adopted-by-organisations-like-mine?like={Uri.EscapeDataString(like)}", ct).ReadAsync<LikeMine>(Service, ct);
}
