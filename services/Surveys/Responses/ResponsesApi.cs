using System.Security.Claims;
using System.Security.Cryptography;
using ChampionNetwork.Contracts.Surveys;
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
            .WithDescription("The token's org claim must be the organisation answered for, or its board. The response is sealed without the champion's identity, with free text redacted, and released into the campaign's figures (and published as InsightSubmitted, themes only) with everything else accepted in the same period, in shuffled order, or when the campaign closes. One response per champion per campaign. Send an Idempotency-Key header to make retries safe: a retry with the same key gets the same receipt, another key a 409.")
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
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        ClaimsPrincipal user,
        SurveysDb db,
        ResponseLedger ledger,
        IntakeSeal seal,
        PublishedCampaigns campaigns,
        PublishedInstrumentVersions instruments,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var champion = user.FindFirstValue(ChampionClaims.Subject);
        if (string.IsNullOrWhiteSpace(champion))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Token has no subject", detail: "A champion's token must carry a sub claim.");
        }

        if (idempotencyKey is { Length: 0 or > IdempotencyKey.MaxLength })
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [IdempotencyKey.HeaderName] = [$"An idempotency key is 1 to {IdempotencyKey.MaxLength} characters."] });
        }

        var entry = ledger.EntryFor(champion, campaignId, idempotencyKey);
        var now = clock.GetUtcNow();

        // The usual case, in one round trip: judged against the campaign as last read, written if it is unchanged.
        if (campaigns.TryGetLastRead(campaignId, out var lastVersion, out var lastRead))
        {
            var lastInstrument = await instruments.GetAsync(db, lastRead.InstrumentId, lastRead.InstrumentVersion, cancellationToken);
            if (Judge(submission, user, lastRead, lastInstrument, now) is { Refusal: null } judged)
            {
                var write = await SubmissionWrite.RunAsync(db, lastVersion, entry, Sealed(seal, judged.Organisation, lastRead, lastInstrument, submission, now), cancellationToken);
                if (write.Written)
                {
                    return Receipt(ledger, champion, campaignId, idempotencyKey);
                }

                if (write.Answered)
                {
                    return AnswerAsBefore(ledger, entry, write.StoredKeyTag, champion, campaignId, idempotencyKey);
                }

                if (write.CampaignVersion == lastVersion)
                {
                    // A concurrent submission by the same champion got there first: answer as it was answered.
                    return await EarlierAnswerAsync(db, ledger, entry, champion, campaignId, idempotencyKey, cancellationToken) ?? AlreadyAnswered();
                }
            }

            // Refused, or the campaign changed since it was read: judged again below, in the order a champion is told.
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await SubmissionCheck.RunAsync(db, campaignId, entry, cancellationToken);
        if (check is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"There is no campaign {campaignId}.");
        }

        if (check.Answered)
        {
            return AnswerAsBefore(ledger, entry, check.StoredKeyTag, champion, campaignId, idempotencyKey);
        }

        var campaign = await campaigns.AtVersionAsync(db, campaignId, check.CampaignVersion, cancellationToken);
        var instrument = await instruments.GetAsync(db, campaign.InstrumentId, campaign.InstrumentVersion, cancellationToken);
        var (refusal, organisation) = Judge(submission, user, campaign, instrument, now);
        if (refusal is not null)
        {
            return refusal;
        }

        // The transaction writes the ledger entry and a sealed intake row, nothing else: the response itself is
        // written later, by a release that mixes it with everything else accepted in the same period.
        db.ResponseLedger.Add(entry);
        db.ResponseIntake.Add(Sealed(seal, organisation, campaign, instrument, submission, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "response_ledger" })
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // A concurrent retry with the same key got there first: answer as it was answered.
            return await EarlierAnswerAsync(db, ledger, entry, champion, campaignId, idempotencyKey, cancellationToken) ?? AlreadyAnswered();
        }

        return Receipt(ledger, champion, campaignId, idempotencyKey);
    }

    /// <summary>
    /// Whether the campaign, at the version read, takes this submission from this champion: open now, the answers
    /// valid for its instrument, and the organisation one the token acts for. Null refusal: it does.
    /// </summary>
    private static (Results<Accepted<ResponseReceipt>, ValidationProblem, ProblemHttpResult>? Refusal, AreaCode Organisation) Judge(
        ResponseSubmission submission, ClaimsPrincipal user, Campaign campaign, InstrumentVersion instrument, DateTimeOffset now)
    {
        if (campaign.StatusAt(now) is not CampaignStatus.Open)
        {
            return (TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: CampaignNotOpenType,
                title: "Campaign not open",
                detail: $"This campaign accepts responses from {campaign.Window.OpensAt:u} until {campaign.Window.ClosesAt:u}."), default);
        }

        var areas = AreaRegistry.Default;
        var errors = ResponseValidator.Validate(submission, campaign, instrument, areas);
        if (errors.Count > 0)
        {
            return (TypedResults.ValidationProblem(errors, title: "The response has invalid answers"), default);
        }

        var organisation = areas.Get(AreaCode.Parse(submission.OrganisationCode!)).Code;
        if (!ActsFor(user, organisation, areas))
        {
            return (TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not your organisation",
                detail: "A champion can answer only for the organisation in their token, or for an organisation within their board."), default);
        }

        return (null, organisation);
    }

    private static IntakeResponse Sealed(
        IntakeSeal seal, AreaCode organisation, Campaign campaign, InstrumentVersion instrument, ResponseSubmission submission, DateTimeOffset now) =>
        seal.Seal(campaign.Id, new SealedResponse(
            organisation.Value,
            instrument.Version,
            DateOnly.FromDateTime(now.UtcDateTime),
            submission.Answers!.Select(a => Stored(instrument.FindItem(a.ItemId)!, a)).ToList()));

    // Not the response's id, and derived rather than stored: nothing the champion holds points at a row.
    private static Accepted<ResponseReceipt> Receipt(ResponseLedger ledger, string champion, Guid campaignId, string? idempotencyKey) =>
        TypedResults.Accepted((string?)null, new ResponseReceipt(ledger.ReceiptFor(champion, campaignId, idempotencyKey)));

    /// <summary>Null when the champion has not answered. Used after a concurrent submission won the ledger row.</summary>
    private static async Task<Results<Accepted<ResponseReceipt>, ValidationProblem, ProblemHttpResult>?> EarlierAnswerAsync(
        SurveysDb db, ResponseLedger ledger, ResponseLedgerEntry entry, string champion, Guid campaignId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var stored = await db.ResponseLedger.AsNoTracking().Where(e => e.Entry == entry.Entry).Select(e => new { e.KeyTag }).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : AnswerAsBefore(ledger, entry, stored.KeyTag, champion, campaignId, idempotencyKey);
    }

    /// <summary>For a champion already in the ledger: the receipt again when the stored tag is this submission's key, else 409.</summary>
    private static Results<Accepted<ResponseReceipt>, ValidationProblem, ProblemHttpResult> AnswerAsBefore(
        ResponseLedger ledger, ResponseLedgerEntry entry, byte[]? storedKeyTag, string champion, Guid campaignId, string? idempotencyKey) =>
        entry.KeyTag is not null && storedKeyTag is not null && CryptographicOperations.FixedTimeEquals(entry.KeyTag, storedKeyTag)
            ? Receipt(ledger, champion, campaignId, idempotencyKey)
            : AlreadyAnswered();

    private static ProblemHttpResult AlreadyAnswered() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: AlreadyAnsweredType,
        title: "Already answered",
        detail: "You have already responded to this campaign. Thank you.");

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
    /// the pillars the champion chose. Free text never leaves Surveys: <c>Text</c> is always null.
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
            return new InsightAnswer(item.Id, item.Pillar, item.OutcomeCodes, answer.Value, Text: null, answer.Themes);
        }).ToList());
}
