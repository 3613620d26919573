using System.Net.Http.Json;
using ChampionNetwork.Portal.Apis;

namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>The CaseStudies API (casestudies-api) as the signed-in person calls it.</summary>
public sealed class CaseStudiesClient(HttpClient http)
{
    private const string Service = "case-study";

    public Task<ApiResult<List<CaseStudySummary>>> ListAsync(CancellationToken ct) =>
        http.GetAsync("/api/case-studies", ct).ReadAsync<List<CaseStudySummary>>(Service, ct);

    public Task<ApiResult<List<PublicCaseStudy>>> PublishedAsync(CancellationToken ct) =>
        http.GetAsync("/api/public/case-studies", ct).ReadAsync<List<PublicCaseStudy>>(Service, ct);

    public Task<ApiResult<PublicCaseStudy>> PublicAsync(string slug, CancellationToken ct) =>
        http.GetAsync($"/api/public/case-studies/{Uri.EscapeDataString(slug)}", ct).ReadAsync<PublicCaseStudy>(Service, ct);

    public Task<ApiResult<CaseStudy>> GetAsync(Guid id, CancellationToken ct) =>
        http.GetAsync($"/api/case-studies/{id}", ct).ReadAsync<CaseStudy>(Service, ct);

    public Task<ApiResult<CaseStudyHistory>> HistoryAsync(Guid id, CancellationToken ct) =>
        http.GetAsync($"/api/case-studies/{id}/history", ct).ReadAsync<CaseStudyHistory>(Service, ct);

    public Task<ApiResult<CaseStudy>> CreateAsync(EditionContent content, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/case-studies", content, ct).ReadAsync<CaseStudy>(Service, ct);

    public Task<ApiResult<CaseStudy>> TransitionAsync(Guid id, int edition, string command, TransitionArguments arguments, CancellationToken ct) =>
        http.PostAsJsonAsync($"/api/case-studies/{id}/editions/{edition}/{Uri.EscapeDataString(command)}", arguments, ct).ReadAsync<CaseStudy>(Service, ct);

    public Task<ApiResult<string>> GiveConsentAsync(Guid id, string personKey, ConsentGiven consent, CancellationToken ct) =>
        http.PutAsJsonAsync($"/api/case-studies/{id}/consents/{Uri.EscapeDataString(personKey)}", consent, ct).ReadAsync<string>(Service, ct);
}
