using System.Security.Claims;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.Surveys.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Campaigns;

public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/", CreateCampaign)
            .WithName("CreateCampaign")
            .WithSummary("Schedule a campaign of one instrument version for a set of organisations (admin)")
            .RequireAuthorization(Policies.Admin);

        api.MapGet("/", ListCampaigns)
            .WithName("ListCampaigns")
            .WithSummary("List campaigns, optionally by status: scheduled, open or closed")
            .RequireAuthorization();

        api.MapGet("/{campaignId:guid}", GetCampaign)
            .WithName("GetCampaign")
            .WithSummary("A campaign's progress: each organisation's released responses for admins; the disclosed total for everyone else")
            .WithDescription("Counts move only when Surveys releases accepted responses (Anonymity:ReleaseEvery, daily by default), never per response. An admin gets every organisation's raw count and rate; any other signed-in user gets the total under the disclosure policy and a whole-number rate, and reads per-organisation figures in the feeds.")
            .RequireAuthorization()
            .Produces<CampaignDetails>()
            .Produces<DisclosedCampaignDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Created<CampaignDetails>, ValidationProblem>> CreateCampaign(
        NewCampaign request, SurveysDb db, CampaignScheduler scheduler, CampaignProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var versionExists = request.InstrumentId is not null && request.InstrumentVersion is not null
            && await db.InstrumentVersions.AnyAsync(v => v.InstrumentId == request.InstrumentId && v.Version == request.InstrumentVersion, cancellationToken);
        var areas = AreaRegistry.Default;
        var errors = CampaignValidator.Validate(request, now, versionExists, areas);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The campaign is not valid");
        }

        var campaign = new Campaign
        {
            Id = Guid.NewGuid(),
            Title = request.Title!.Trim(),
            InstrumentId = request.InstrumentId!.Value,
            InstrumentVersion = request.InstrumentVersion!.Value,
            Window = new CampaignWindow(request.OpensAt!.Value.ToUniversalTime(), request.ClosesAt!.Value.ToUniversalTime()),
            Organisations = request.Organisations!
                .Select(o => new CampaignOrganisation(areas.Get(AreaCode.Parse(o.OrganisationCode!)).Code.Value, o.EligibleHeadcount!.Value))
                .ToList(),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Reschedule();

        return TypedResults.Created($"/api/campaigns/{campaign.Id}", progress.ForAdmin(campaign, new Dictionary<string, int>(), now, areas));
    }

    public static async Task<Results<Ok<List<CampaignSummary>>, ValidationProblem>> ListCampaigns(
        string? status, SurveysDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        CampaignStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<CampaignStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Status is one of scheduled, open, closed."] });
            }

            wanted = parsed;
        }

        var now = clock.GetUtcNow();
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Window.OpensAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(campaigns
            .Where(c => wanted is null || c.StatusAt(now) == wanted)
            .Select(c => new CampaignSummary(
                c.Id, c.Title, c.InstrumentId, c.InstrumentVersion, c.Window.OpensAt, c.Window.ClosesAt, c.StatusAt(now),
                c.Organisations.Count, c.Organisations.Sum(o => o.EligibleHeadcount)))
            .ToList());
    }

    public static async Task<Results<Ok<CampaignDetails>, Ok<DisclosedCampaignDetails>, ProblemHttpResult>> GetCampaign(
        Guid campaignId, ClaimsPrincipal user, SurveysDb db, CampaignProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"There is no campaign {campaignId}.");
        }

        var counts = await db.Responses.Where(r => r.CampaignId == campaignId)
            .GroupBy(r => r.OrganisationCode)
            .Select(g => new { Organisation = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Organisation, g => g.Count, cancellationToken);
        return CampaignProgress.SeesRawCounts(user)
            ? TypedResults.Ok(progress.ForAdmin(campaign, counts, clock.GetUtcNow(), AreaRegistry.Default))
            : TypedResults.Ok(progress.Disclosed(campaign, counts, clock.GetUtcNow(), AreaRegistry.Default));
    }
}
