using System.Net.Http.Json;
using ChampionNetwork.Portal.Apis;

namespace ChampionNetwork.Portal.Features.Subscriptions;

/// <summary>InsightHub's subscriptions API, as the signed-in analyst calls it (their own subscriptions only).</summary>
public sealed class SubscriptionsClient(HttpClient http)
{
    private const string Service = "subscriptions";

    public Task<ApiResult<List<SubscriptionDetails>>> ListAsync(CancellationToken ct) =>
        http.GetAsync("/api/subscriptions", ct).ReadAsync<List<SubscriptionDetails>>(Service, ct);

    public Task<ApiResult<SubscriptionDetails>> GetAsync(Guid id, CancellationToken ct) =>
        http.GetAsync($"/api/subscriptions/{id}", ct).ReadAsync<SubscriptionDetails>(Service, ct);

    public Task<ApiResult<SubscriptionCreated>> CreateAsync(SubscriptionRequest request, CancellationToken ct) =>
        http.PostAsJsonAsync("/api/subscriptions", request, ct).ReadAsync<SubscriptionCreated>(Service, ct);

    public Task<ApiResult<List<DeliveryLogEntry>>> DeliveriesAsync(Guid id, CancellationToken ct) =>
        http.GetAsync($"/api/subscriptions/{id}/deliveries", ct).ReadAsync<List<DeliveryLogEntry>>(Service, ct);

    public Task<ApiResult<string>> PingAsync(Guid id, CancellationToken ct) =>
        http.PostAsync($"/api/subscriptions/{id}/ping", null, ct).ReadAsync<string>(Service, ct);

    public Task<ApiResult<string>> RedeliverAsync(Guid id, Guid delivery, CancellationToken ct) =>
        http.PostAsync($"/api/subscriptions/{id}/deliveries/{delivery}/redeliver", null, ct).ReadAsync<string>(Service, ct);

    public Task<ApiResult<RotatedSecret>> RotateSecretAsync(Guid id, int overlapMinutes, CancellationToken ct) =>
        http.PostAsJsonAsync($"/api/subscriptions/{id}/secret/rotate", new SecretRotation(overlapMinutes), ct).ReadAsync<RotatedSecret>(Service, ct);

    public Task<ApiResult<string>> DeleteAsync(Guid id, CancellationToken ct) =>
        http.DeleteAsync($"/api/subscriptions/{id}", ct).ReadAsync<string>(Service, ct);
}
