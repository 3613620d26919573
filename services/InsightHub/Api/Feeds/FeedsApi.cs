using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChampionNetwork.InsightHub.Feeds;

public static class FeedsApi
{
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/feeds").WithTags("Feeds").RequireAuthorization(Policies.PolicyAnalyst);

        api.MapGet("/areas/{gssCode}", GetAreaFeed)
            .WithName("GetAreaFeed")
            .WithSummary("Aggregated insight for an area and its children, with disclosure control applied")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    public static async Task<Results<Ok<AreaFeed>, ValidationProblem, ProblemHttpResult>> GetAreaFeed(
        string gssCode,
        Guid? campaign,
        AreaRegistry areas,
        AreaFeedBuilder feeds,
        CancellationToken cancellationToken)
    {
        if (!AreaCode.TryParse(gssCode, out _))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["gssCode"] = ["Not a GSS code (S + 8 digits) or a national body code (NB-...)."] });
        }

        if (!areas.TryResolve(gssCode, out var area))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown area", detail: $"No organisation or area has the code {gssCode}.");
        }

        return TypedResults.Ok(await feeds.BuildAsync(area, campaign, cancellationToken));
    }
}
