using System.Security.Claims;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.Surveys.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Responses;

public static class ResponsesApi
{
    public const string CampaignNotOpenType = "https://championnetwork.scot/problems/campaign-not-open";

    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns/{campaignId:guid}/responses").WithTags("Responses");

        api.MapPost("/", SubmitResponse)
            .WithName("SubmitResponse")
            .WithSummary("Submit an anonymous response to an open campaign")
            .WithDescription("For champions. The token's org claim must be the organisation answered for, or its board. The response is stored without the champion's identity and published as InsightSubmitted.")
            .RequireAuthorization(Policies.Champion)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    public static async Task<Results<Accepted<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> SubmitResponse(
        Guid campaignId,
        ResponseSubmission submission,
        ClaimsPrincipal user,
        SurveysDb db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"There is no campaign {campaignId}.");
        }

        var now = clock.GetUtcNow();
        if (campaign.Window.StatusAt(now) is not CampaignStatus.Open)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: CampaignNotOpenType,
                title: "Campaign not open",
                detail: $"This campaign accepts responses from {campaign.Window.OpensAt:u} until {campaign.Window.ClosesAt:u}.");
        }

        var instrument = await db.InstrumentVersions.AsNoTracking()
            .SingleAsync(v => v.InstrumentId == campaign.InstrumentId && v.Version == campaign.InstrumentVersion, cancellationToken);

        var areas = AreaRegistry.Default;
        var errors = ResponseValidator.Validate(submission, campaign, instrument, areas);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The response has invalid answers");
        }

        var organisation = areas.Get(AreaCode.Parse(submission.OrganisationCode!)).Code;
        if (!ActsFor(user, organisation, areas))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not your organisation",
                detail: "A champion can answer only for the organisation in their token, or for an organisation within their board.");
        }

        var response = new Response
        {
            Id = Guid.NewGuid(),
            CampaignId = campaign.Id,
            InstrumentVersion = instrument.Version,
            OrganisationCode = organisation.Value,
            SubmittedOn = DateOnly.FromDateTime(now.UtcDateTime),
            EventId = Guid.NewGuid(),
            Answers = submission.Answers!.Select(a => new StoredAnswer(instrument.FindItem(a.ItemId)!.Id, a.Value, a.Text, a.Themes)).ToList(),
        };

        db.Responses.Add(response);
        db.AddIntegrationEvent(InsightOf(response, instrument));
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Accepted((string?)null, new ResponseReceipt(response.Id));
    }

    private static bool ActsFor(ClaimsPrincipal user, AreaCode organisation, AreaRegistry areas)
    {
        var claimed = user.FindFirstValue(ChampionClaims.Organisation);
        if (!areas.TryResolve(claimed, out var champion))
        {
            return false;
        }

        // The organisation itself or the board it lies in; Scotland is never "your organisation".
        return areas.RollUpOf(organisation).Where(code => code != AreaCode.Scotland).Contains(champion.Code);
    }

    /// <summary>The event carries the day, not the time, and pillar and outcome codes from the instrument.</summary>
    internal static InsightSubmitted InsightOf(Response response, InstrumentVersion instrument) => new(
        response.EventId,
        new DateTimeOffset(response.SubmittedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        response.CampaignId,
        instrument.InstrumentId,
        instrument.Version,
        response.OrganisationCode,
        response.Answers.Select(answer =>
        {
            var item = instrument.FindItem(answer.ItemId)!;
            return new InsightAnswer(item.Id, item.Pillar, item.OutcomeCodes, answer.Value, answer.Text, answer.Themes);
        }).ToList());
}
