using System.Text.Json;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Pull feeds for policy teams (role policy-analyst, or admin): JSON per area, tidy CSV, Atom, all from the published
/// snapshots. Every feed carries an ETag of its disclosed body and answers If-None-Match with 304, and states the
/// disclosure policy, instrument version and computedAt (the publication time, never the time of a change).
/// </summary>
public static class FeedsApi
{
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/feeds").WithTags("Feeds").RequireAuthorization(Policies.PolicyAnalyst);

        api.MapGet("/areas/{gssCode}", GetAreaFeed)
            .WithName("GetAreaFeed")
            .WithSummary("Aggregated insight for an area and its children, with disclosure control applied")
            .Produces<AreaFeed>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/insight.csv", GetCsvFeed)
            .WithName("GetInsightCsv")
            .WithSummary("Tidy CSV of every figure for an area (default Scotland) and the areas below it")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/insight.atom", GetAtomFeed)
            .WithName("GetInsightAtom")
            .WithSummary("Atom 1.0: one entry per campaign and area whose figures changed, newest first")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .Produces(StatusCodes.Status304NotModified);

        return app;
    }

    public static async Task<IResult> GetAreaFeed(
        string gssCode,
        Guid? campaign,
        HttpContext http,
        AreaRegistry areas,
        FeedSnapshots snapshots,
        FeedResponses responses,
        DisclosurePolicy policy,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (Resolve(gssCode, areas, out var area) is { } problem)
        {
            return problem;
        }

        var versions = await snapshots.VersionsAsync(campaign, activity: true, cancellationToken);
        var shape = FeedResponses.KeyOf("area", area.Code.Value, campaign?.ToString() ?? "*", policy.Name);
        return await responses.ServeAsync(http, shape, versions.Key, "application/json; charset=utf-8", policy.Name, async () =>
        {
            var campaigns = await snapshots.CampaignsAsync(versions);
            var activity = await snapshots.ActivityAsync(versions.Activity!);
            var ownActivity = activity.Activity.Where(a => a.AreaCode == area.Code.Value)
                .Select(a => new ActivityFigures(a.Quarter, a.PracticesShared, a.PracticesAdopted, a.CaseStudiesPublished, a.CaseStudiesWithdrawn))
                .ToList();
            var feed = AreaFeedBuilder.Build(area, areas.ChildrenOf(area.Code), policy.Name, campaigns, ownActivity, activity.Version.ComputedAt);
            return new FeedBody(JsonSerializer.SerializeToUtf8Bytes(feed, json.Value.SerializerOptions), feed.ComputedAt);
        }, cancellationToken);
    }

    public static async Task<IResult> GetCsvFeed(
        Guid? campaign,
        string? area,
        string? pillar,
        HttpContext http,
        AreaRegistry areas,
        FeedSnapshots snapshots,
        FeedResponses responses,
        DisclosurePolicy policy,
        CancellationToken cancellationToken)
    {
        if (Resolve(area ?? AreaCode.Scotland.Value, areas, out var root) is { } problem)
        {
            return problem;
        }

        if (pillar is not null && !ActionPlan.TryParsePillar(pillar, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pillar"] = ["Not an Action Plan pillar (Plan, Attract, Train, Employ, Nurture)."] });
        }

        // A campaign's CSV has no activity rows: its body does not depend on the activity snapshot.
        var versions = await snapshots.VersionsAsync(campaign, activity: campaign is null, cancellationToken);
        var shape = FeedResponses.KeyOf("csv", root.Code.Value, campaign?.ToString() ?? "*", pillar?.ToUpperInvariant() ?? "*", policy.Name);
        http.Response.Headers.ContentDisposition = "inline; filename=insight.csv";
        return await responses.ServeAsync(http, shape, versions.Key, "text/csv; charset=utf-8", policy.Name, async () =>
        {
            var scope = Descendants(root, areas);
            var campaigns = await snapshots.CampaignsAsync(versions);
            var activity = versions.Activity is { } published ? await snapshots.ActivityAsync(published) : null;
            var inScope = scope.ToDictionary(a => a.Code.Value, StringComparer.Ordinal);
            var activityRows = activity is null ? [] : activity.Activity
                .Where(a => inScope.ContainsKey(a.AreaCode))
                .Select(a => (inScope[a.AreaCode], new ActivityFigures(a.Quarter, a.PracticesShared, a.PracticesAdopted, a.CaseStudiesPublished, a.CaseStudiesWithdrawn)))
                .ToList();
            var computedAt = campaigns.Select(c => (DateTimeOffset?)c.PublishedAt).Append(activityRows.Count > 0 ? activity!.Version.ComputedAt : null).Max();
            return new FeedBody(CsvFeed.Render(scope, campaigns, activityRows, activity?.Version.ComputedAt, policy.Name, pillar), computedAt);
        }, cancellationToken);
    }

    public static async Task<IResult> GetAtomFeed(
        HttpContext http,
        FeedSnapshots snapshots,
        FeedResponses responses,
        DisclosurePolicy policy,
        CancellationToken cancellationToken)
    {
        var versions = await snapshots.VersionsAsync(null, activity: false, cancellationToken);
        var baseUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        var shape = FeedResponses.KeyOf("atom", baseUri.ToString(), policy.Name);
        return await responses.ServeAsync(http, shape, versions.Key, "application/atom+xml; charset=utf-8", policy.Name, async () =>
        {
            var campaigns = await snapshots.CampaignsAsync(versions);
            return new FeedBody(AtomFeed.Render(campaigns, policy.Name, baseUri), campaigns.Select(c => (DateTimeOffset?)c.PublishedAt).Max());
        }, cancellationToken);
    }

    /// <summary>The area and every area below it, top-down: Scotland, its boards and national bodies, their organisations.</summary>
    private static List<Area> Descendants(Area root, AreaRegistry areas)
    {
        var scope = new List<Area>();
        var queue = new Queue<Area>([root]);
        while (queue.TryDequeue(out var next))
        {
            scope.Add(next);
            foreach (var child in areas.ChildrenOf(next.Code))
            {
                queue.Enqueue(child);
            }
        }

        return scope;
    }

    private static IResult? Resolve(string gssCode, AreaRegistry areas, out Area area)
    {
        area = null!;
        if (!AreaCode.TryParse(gssCode, out _))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["area"] = ["Not a GSS code (S + 8 digits) or a national body code (NB-...)."] });
        }

        if (!areas.TryResolve(gssCode, out var found))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown area", detail: $"No organisation or area has the code {gssCode}.");
        }

        area = found;
        return null;
    }
}
