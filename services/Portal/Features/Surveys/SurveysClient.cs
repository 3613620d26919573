using System.Net.Http.Json;
using ChampionNetwork.Portal.Apis;

namespace ChampionNetwork.Portal.Features.Surveys;

/// <summary>The Surveys API (surveys-api) as the signed-in person calls it.</summary>
public sealed class SurveysClient(HttpClient http)
{
    private const string Service = "surveys";

    public Task<ApiResult<List<CampaignSummary>>> CampaignsAsync(string? status, CancellationToken ct) =>
        http.GetAsync(status is null ? "/api/campaigns" : $"/api/campaigns?status={Uri.EscapeDataString(status)}", ct).ReadAsync<List<CampaignSummary>>(Service, ct);

    public Task<ApiResult<CampaignDetails>> CampaignAsync(Guid campaign, CancellationToken ct) =>
        http.GetAsync($"/api/campaigns/{campaign}", ct).ReadAsync<CampaignDetails>(Service, ct);

    public Task<ApiResult<InstrumentVersionDetails>> InstrumentVersionAsync(Guid instrument, int version, CancellationToken ct) =>
        http.GetAsync($"/api/instruments/{instrument}/versions/{version}", ct).ReadAsync<InstrumentVersionDetails>(Service, ct);

    public Task<ApiResult<List<InstrumentSummary>>> InstrumentsAsync(CancellationToken ct) =>
        http.GetAsync("/api/instruments", ct).ReadAsync<List<InstrumentSummary>>(Service, ct);

    /// <summary>The idempotency key makes a resubmitted form (a double click, a retry) get the same receipt.</summary>
    public Task<ApiResult<ResponseReceipt>> SubmitAsync(Guid campaign, ResponseSubmission submission, string idempotencyKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{campaign}/responses") { Content = JsonContent.Create(submission) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return http.SendAsync(request, ct).ReadAsync<ResponseReceipt>(Service, ct);
    }

    public Task<ApiResult<InstrumentSummary>> CreateInstrumentAsync(NewInstrument instrument, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/instruments", instrument, ct).ReadAsync<InstrumentSummary>(Service, ct);

    public Task<ApiResult<InstrumentVersionDetails>> PublishVersionAsync(Guid instrument, NewInstrumentVersion version, CancellationToken ct) =>
        http.PostAsJsonAsync($"/api/instruments/{instrument}/versions", version, ct).ReadAsync<InstrumentVersionDetails>(Service, ct);

    public Task<ApiResult<CreatedCampaign>> CreateCampaignAsync(NewCampaign campaign, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/campaigns", campaign, ct).ReadAsync<CreatedCampaign>(Service, ct);
}
