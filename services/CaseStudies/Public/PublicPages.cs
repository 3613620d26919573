using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Data;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Public;

/// <summary>
/// What anyone may read: HTML pages at <c>/case-studies/{slug}</c>, the same as JSON under <c>/api/public</c>, and the
/// Atom feed. An unpublished slug redirects (301); a withdrawn one is shown with its banner.
/// </summary>
public static class PublicPages
{
    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/case-studies", GetIndexPage).WithName("CaseStudiesPage").WithSummary("Public case studies (HTML)").WithTags("Public").AllowAnonymous();
        app.MapGet("/case-studies/{slug}", GetPage).WithName("CaseStudyPage").WithSummary("A public case study (HTML)").WithTags("Public").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/public/case-studies", GetAll).WithName("PublicCaseStudies").WithSummary("Public case studies (JSON)").WithTags("Public").AllowAnonymous();
        app.MapGet("/api/public/case-studies/{slug}", GetOne).WithName("PublicCaseStudy").WithSummary("A public case study (JSON)").WithTags("Public").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/feeds/case-studies.atom", GetFeed).WithName("CaseStudiesFeed").WithSummary("Atom 1.0 of public case studies").WithTags("Public").AllowAnonymous();
        return app;
    }

    public static async Task<ContentHttpResult> GetIndexPage(CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken) =>
        TypedResults.Text(CaseStudyPage.RenderIndex(await AllAsync(db, areas, cancellationToken)), "text/html; charset=utf-8");

    public static async Task<Results<ContentHttpResult, RedirectHttpResult, ProblemHttpResult>> GetPage(
        string slug, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var (study, redirect) = await OneAsync(slug, db, areas, cancellationToken);
        return redirect is not null ? TypedResults.Redirect(redirect, permanent: true)
            : study is null ? NotFound(slug)
            : TypedResults.Text(CaseStudyPage.Render(study), "text/html; charset=utf-8");
    }

    public static async Task<Ok<List<PublicCaseStudy>>> GetAll(CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AllAsync(db, areas, cancellationToken));

    public static async Task<Results<Ok<PublicCaseStudy>, RedirectHttpResult, ProblemHttpResult>> GetOne(
        string slug, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var (study, redirect) = await OneAsync(slug, db, areas, cancellationToken);
        return redirect is not null ? TypedResults.Redirect(redirect, permanent: true)
            : study is null ? NotFound(slug)
            : TypedResults.Ok(study);
    }

    public static async Task<FileContentHttpResult> GetFeed(HttpRequest request, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var studies = await AllAsync(db, areas, cancellationToken);
        var baseUri = new Uri($"{request.Scheme}://{request.Host}/");
        return TypedResults.File(CaseStudyAtomFeed.Render(studies, baseUri), "application/atom+xml; charset=utf-8");
    }

    private static async Task<List<PublicCaseStudy>> AllAsync(CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var studies = await db.CaseStudies.AsNoTracking().Include(s => s.Editions)
            .Where(s => s.Editions.Any(e => e.State == EditionState.Published || e.State == EditionState.Withdrawn))
            .ToListAsync(cancellationToken);
        var ids = studies.Select(s => s.Id).ToList();
        var consents = (await db.Consents.AsNoTracking().Where(c => ids.Contains(c.CaseStudyId)).ToListAsync(cancellationToken)).ToLookup(c => c.CaseStudyId);
        return [.. studies
            .Select(s => PublicCaseStudy.Of(s, new ConsentLedger(consents[s.Id]), areas.Summary(s.OrganisationCode))!)
            .OrderByDescending(s => s.LastMajorChangeAt)];
    }

    private static async Task<(PublicCaseStudy? Study, string? Redirect)> OneAsync(string slug, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        if (slug.Length > CaseStudyLimits.Slug)
        {
            return (null, null);
        }

        var study = await db.CaseStudies.AsNoTracking().Include(s => s.Editions).SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (study is null)
        {
            return (null, null);
        }

        var consent = new ConsentLedger(await db.Consents.AsNoTracking().Where(c => c.CaseStudyId == study.Id).ToListAsync(cancellationToken));
        var shown = PublicCaseStudy.Of(study, consent, areas.Summary(study.OrganisationCode));
        return shown is null && study.RedirectTo is { } redirect ? (null, redirect) : (shown, null);
    }

    private static ProblemHttpResult NotFound(string slug) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Case study not found", detail: $"No case study is published at '{slug}'.");
}
