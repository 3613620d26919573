using System.Security.Claims;
using ChampionNetwork.GoodPractice.Data;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.GoodPractice.Search;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Feeds;

/// <summary>Atom feeds of new and updated practices: all, per pillar, per area (a board with its HSCPs and councils).</summary>
public static class FeedsApi
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/feeds").WithTags("Feeds").AllowAnonymous();

        feeds.MapGet("/practices.atom", All)
            .WithName("PracticesFeed")
            .WithSummary("Atom: new and updated practices (public ones anonymously; all to members)");

        feeds.MapGet("/practices/pillars/{pillar}.atom", ByPillar)
            .WithName("PracticesFeedByPillar")
            .WithSummary("Atom: new and updated practices of one pillar")
            .ProducesValidationProblem();

        feeds.MapGet("/practices/areas/{area}.atom", ByArea)
            .WithName("PracticesFeedByArea")
            .WithSummary("Atom: new and updated practices shared in one area; a board includes its HSCPs and councils")
            .ProducesValidationProblem();

        return app;
    }

    public static Task<FileContentHttpResult> All(HttpContext context, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken) =>
        RenderAsync(Visible(db, user), "ChampionNetwork good practice", "/api/feeds/practices.atom", "urn:championnetwork:practices", context, areas, cancellationToken);

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ByPillar(
        string pillar, HttpContext context, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        if (!ActionPlan.TryParsePillar(pillar, out var parsed))
        {
            var errors = new ValidationErrors();
            errors.Add("pillar", $"'{pillar}' is not a pillar: one of {string.Join(", ", ActionPlan.Pillars)}.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "No such feed");
        }

        var name = parsed.ToString();
        return await RenderAsync(
            Visible(db, user).Where(p => p.Pillars.Contains(name)),
            $"ChampionNetwork good practice: {name}",
            $"/api/feeds/practices/pillars/{name}.atom",
            $"urn:championnetwork:practices:pillar:{name}",
            context,
            areas,
            cancellationToken);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ByArea(
        string area, HttpContext context, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        if (!areas.TryResolve(area, out var resolved))
        {
            var errors = new ValidationErrors();
            errors.Add("area", $"'{area}' is not an area code.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "No such feed");
        }

        var practices = Visible(db, user);
        if (resolved.Type != AreaType.Country)
        {
            var within = SearchCriteria.Within(resolved, areas);
            practices = practices.Where(p => within.Contains(p.OrganisationCode));
        }

        return await RenderAsync(
            practices,
            $"ChampionNetwork good practice: {resolved.Name}",
            $"/api/feeds/practices/areas/{resolved.Code}.atom",
            $"urn:championnetwork:practices:area:{resolved.Code}",
            context,
            areas,
            cancellationToken);
    }

    private static IQueryable<PracticeItem> Visible(GoodPracticeDb db, ClaimsPrincipal user)
    {
        var member = user.IsMember();
        return db.Practices.AsNoTracking().Where(p => member || p.IsPublic);
    }

    private static async Task<FileContentHttpResult> RenderAsync(
        IQueryable<PracticeItem> practices, string title, string selfPath, string feedId, HttpContext context, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var entries = await practices.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(PracticeAtomFeed.MaxEntries).ToListAsync(cancellationToken);
        var baseUri = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        return TypedResults.File(PracticeAtomFeed.Render(entries, title, selfPath, feedId, baseUri, areas), AtomContentType);
    }
}
