using System.Security.Claims;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Search;

public static class SearchApi
{
    public const int SimilarLimit = 5;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/practices").WithTags("Search").RequireRateLimiting(SearchConcurrency.PolicyName);

        api.MapGet("/", Search)
            .WithName("SearchPractices")
            .WithSummary("Search and filter practices, by relevance, newest or most adopted, a keyset page at a time (public ones anonymously)")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{practiceId:guid}/similar", Similar)
            .WithName("SimilarPractices")
            .WithSummary("Practices most like this one, by title, summary, tags and outcomes")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<Ok<SearchPage>, ValidationProblem>> Search(
        [AsParameters] SearchRequest request, ClaimsPrincipal user, PracticeSearch search, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var criteria = SearchCriteria.From(request, areas, errors);
        if (criteria is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The search is not valid");
        }

        return TypedResults.Ok(await search.SearchAsync(criteria, user.IsMember(), cancellationToken));
    }

    public static async Task<Results<Ok<List<SearchHit>>, ProblemHttpResult>> Similar(
        Guid practiceId, ClaimsPrincipal user, PracticeSearch search, Data.GoodPracticeDb db, CancellationToken cancellationToken)
    {
        var member = user.IsMember();
        var visible = await db.Practices.AnyAsync(p => p.Id == practiceId && (p.IsPublic || member), cancellationToken);
        return visible
            ? TypedResults.Ok(await search.SimilarAsync(practiceId, member, SimilarLimit, cancellationToken))
            : PracticesApi.NotFound(practiceId);
    }
}
