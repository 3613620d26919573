using ChampionNetwork.Portal.Apis;

namespace ChampionNetwork.Portal.Features.Insight;

/// <summary>InsightHub's feeds (insighthub), read with the analyst's own token.</summary>
public sealed class InsightClient(HttpClient http)
{
    private const string Service = "insight";

    public Task<ApiResult<AreaFeed>> AreaAsync(string code, Guid? campaign, CancellationToken ct) =>
        http.GetAsync(campaign is null ? $"/api/feeds/areas/{Uri.EscapeDataString(code)}" : $"/api/feeds/areas/{Uri.EscapeDataString(code)}?campaign={campaign}", ct)
            .ReadAsync<AreaFeed>(Service, ct);

    /// <summary>The tidy CSV feed for an area and the areas below it, streamed to the analyst as it comes.</summary>
    public async Task<HttpResponseMessage> CsvAsync(string code, Guid? campaign, CancellationToken ct)
    {
        var query = $"?area={Uri.EscapeDataString(code)}" + (campaign is null ? string.Empty : $"&campaign={campaign}");
        return await http.GetAsync($"/api/feeds/insight.csv{query}", HttpCompletionOption.ResponseHeadersRead, ct);
    }
}
