using System.Security.Claims;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.Surveys.Instruments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChampionNetwork.Surveys.Responses;

public static class ResponsesApi
{
    public const string CampaignNotOpenType = "https://championnetwork.scot/problems/campaign-not-open";
    public const string AlreadyAnsweredType = "https://championnetwork.scot/problems/already-answered";

    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns/{campaignId:guid}/responses").WithTags("Responses");

        api.MapPost("/", SubmitResponse)
            .WithName("SubmitResponse")
            .WithSummary("Submit an anonymous response to an open campaign (champion)")
            .WithDescription("The token's org claim must be the organisation answered for, or its board. The response is stored without the champion's identity, with free text redacted, and published as InsightSubmitted. One response per champion per campaign. Send an Idempotency-Key header to make retries safe: a retry with the same key gets the first receipt.")
            .RequireAuthorization(Policies.Champion)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Accepted<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> SubmitResponse(
        Guid campaignId,
        ResponseSubmission submission,
        [FromHeader(Name = SubmissionKey.HeaderName)] string? idempotencyKey,
        ClaimsPrincipal user,
        SurveysDb db,
        ResponseLedger ledger,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var champion = user.FindFirstValue(ChampionClaims.Subject);
        if (string.IsNullOrWhiteSpace(champion))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Token has no subject", detail: "A champion's token must carry a sub claim.");
        }

        if (idempotencyKey is { Length: 0 or > SubmissionKey.MaxLength })
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [SubmissionKey.HeaderName] = [$"An idempotency key is 1 to {SubmissionKey.MaxLength} characters."] });
        }

        var keyHash = idempotencyKey is null ? null : ledger.SubmissionKeyHash(champion, campaignId, idempotencyKey);
        if (await EarlierReceiptAsync(db, keyHash, cancellationToken) is { } earlier)
        {
            return TypedResults.Accepted((string?)null, new ResponseReceipt(earlier));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // FOR SHARE: the scheduler cannot announce the campaign's closing until this response (and its event) commits.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM campaigns WHERE id = {campaignId} FOR SHARE", cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"There is no campaign {campaignId}.");
        }

        var now = clock.GetUtcNow();
        if (campaign.StatusAt(now) is not CampaignStatus.Open)
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
            Answers = submission.Answers!.Select(a => Stored(instrument.FindItem(a.ItemId)!, a)).ToList(),
        };

        // The receipt is not the response's id: nothing the champion holds points at their response.
        var receipt = Guid.NewGuid();
        db.ResponseLedger.Add(ledger.EntryFor(champion, campaign.Id));
        if (keyHash is not null)
        {
            db.SubmissionKeys.Add(new SubmissionKey { KeyHash = keyHash, CampaignId = campaign.Id, ReceiptId = receipt });
        }

        db.Responses.Add(response);
        db.AddIntegrationEvent(InsightOf(response, instrument));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "response_ledger" or "submission_keys" })
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // A concurrent retry with the same key got there first: answer as it was answered.
            if (await EarlierReceiptAsync(db, keyHash, cancellationToken) is { } first)
            {
                return TypedResults.Accepted((string?)null, new ResponseReceipt(first));
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: AlreadyAnsweredType,
                title: "Already answered",
                detail: "You have already responded to this campaign. Thank you.");
        }

        return TypedResults.Accepted((string?)null, new ResponseReceipt(receipt));
    }

    private static async Task<Guid?> EarlierReceiptAsync(SurveysDb db, byte[]? keyHash, CancellationToken cancellationToken) =>
        keyHash is null ? null
        : await db.SubmissionKeys.AsNoTracking().Where(k => k.KeyHash == keyHash).Select(k => (Guid?)k.ReceiptId).SingleOrDefaultAsync(cancellationToken);

    private static StoredAnswer Stored(InstrumentItem item, AnswerSubmission answer) => item.Kind == ItemKind.FreeText
        ? new StoredAnswer(item.Id, null, FreeTextRedactor.Redact(answer.Text!), Themes(answer.Themes))
        : new StoredAnswer(item.Id, answer.Value, null, null);

    private static List<string>? Themes(IReadOnlyList<string>? themes) =>
        themes?.Select(t => ActionPlan.TryParsePillar(t, out var pillar) ? pillar.ToString() : t).Distinct().ToList();

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

    /// <summary>
    /// The event carries the day, not the time; pillar and outcome codes from the instrument; and for free text only
    /// the redacted text and the pillars the champion chose.
    /// </summary>
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
