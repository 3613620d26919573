using ChampionNetwork.Identity;

namespace ChampionNetwork.Portal.Features.Insight;

/// <summary>The CSV feed for an area, downloaded through the portal with the analyst's token, byte for byte as InsightHub serves it.</summary>
public static class CsvDownload
{
    public static IEndpointRouteBuilder MapCsvDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/insight/{code}/insight.csv", async (string code, Guid? campaign, InsightClient insight, HttpContext http, CancellationToken ct) =>
        {
            using var response = await insight.CsvAsync(code, campaign, ct);
            if (!response.IsSuccessStatusCode)
            {
                return Results.Redirect($"/error/{(int)response.StatusCode}");
            }

            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=insight-{Uri.EscapeDataString(code)}.csv";
            await response.Content.CopyToAsync(http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization(policy => policy.RequireRole(Roles.PolicyAnalyst, Roles.Admin));
        return app;
    }
}
