using System.Security.Claims;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.GoodPractice.Data;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.GoodPractice.Search;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChampionNetwork.GoodPractice.Adoption;

public static class AdoptionApi
{
    public const string AlreadyRecordedType = "https://championnetwork.scot/problems/already-recorded";
    public const string OwnPracticeType = "https://championnetwork.scot/problems/own-practice";

    public static IEndpointRouteBuilder MapAdoptionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/practices").WithTags("Adoption");

        api.MapPost("/{practiceId:guid}/adoptions", Adopt)
            .WithName("AdoptPractice")
            .WithSummary("Record that your organisation adopted a practice, once (org-editor; admin for any organisation)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/{practiceId:guid}/endorsements", Endorse)
            .WithName("EndorsePractice")
            .WithSummary("Endorse a practice for your organisation, once (org-editor; admin for any organisation)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/adopted-by-organisations-like-mine", LikeMine)
            .WithName("AdoptedByOrganisationsLikeMine")
            .WithSummary("What organisations of the same type, or in the same board area, have adopted (members)")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    public static async Task<Results<Created<Adopter>, ValidationProblem, ProblemHttpResult>> Adopt(
        Guid practiceId, AdoptionSubmission request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, TimeProvider clock, CorpusChanges corpus, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var organisation = ActingOrganisation(request.OrganisationCode, user, areas, errors);
        if (request.Note?.Length > PracticeLimits.Note)
        {
            errors.Add("note", $"At most {PracticeLimits.Note:N0} characters.");
        }

        var now = clock.GetUtcNow();
        if (request.AdoptedOn is { } adoptedOn && adoptedOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            errors.Add("adoptedOn", "An adoption cannot be dated in the future.");
        }

        if (organisation is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The adoption is not valid");
        }

        var (item, refused) = await OthersPracticeAsync(practiceId, organisation, "record adoptions", "adopt", user, db, areas, cancellationToken);
        if (item is null)
        {
            return refused!;
        }

        var adoption = new PracticeAdoption
        {
            PracticeId = practiceId,
            OrganisationCode = organisation.Code.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            AdoptedOn = request.AdoptedOn,
            RecordedAt = now,
            EventId = Guid.NewGuid(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Adoptions.Add(adoption);
        db.AddIntegrationEvent(new GoodPracticeAdopted(
            adoption.EventId, now, practiceId, item.OrganisationCode, adoption.OrganisationCode, item.Pillars, item.OutcomeCodes));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AlreadyRecorded(organisation, practiceId, "adopted");
        }

        await db.Practices.Where(p => p.Id == practiceId).ExecuteUpdateAsync(p => p.SetProperty(x => x.AdoptionCount, x => x.AdoptionCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        corpus.Changed();
        return TypedResults.Created($"/api/practices/{practiceId}", new Adopter(areas.Summary(adoption.OrganisationCode), adoption.Note, adoption.AdoptedOn, adoption.RecordedAt));
    }

    public static async Task<Results<Created<Endorser>, ValidationProblem, ProblemHttpResult>> Endorse(
        Guid practiceId, EndorsementSubmission request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, TimeProvider clock, CorpusChanges corpus, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var organisation = ActingOrganisation(request.OrganisationCode, user, areas, errors);
        if (organisation is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The endorsement is not valid");
        }

        var (item, refused) = await OthersPracticeAsync(practiceId, organisation, "endorse", "endorse", user, db, areas, cancellationToken);
        if (item is null)
        {
            return refused!;
        }

        var endorsement = new PracticeEndorsement { PracticeId = practiceId, OrganisationCode = organisation.Code.Value, EndorsedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Endorsements.Add(endorsement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AlreadyRecorded(organisation, practiceId, "endorsed");
        }

        await db.Practices.Where(p => p.Id == practiceId).ExecuteUpdateAsync(p => p.SetProperty(x => x.EndorsementCount, x => x.EndorsementCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        corpus.Changed();
        return TypedResults.Created($"/api/practices/{practiceId}", new Endorser(areas.Summary(endorsement.OrganisationCode), endorsement.EndorsedAt));
    }

    public static async Task<Results<Ok<LikeMine>, ValidationProblem>> LikeMine(
        [AsParameters] LikeMineRequest request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var result = await OrganisationsLikeMine.FindAsync(request, user, db, areas, errors, cancellationToken);
        return result is null
            ? TypedResults.ValidationProblem(errors.ToDictionary(), title: "The question is not valid")
            : TypedResults.Ok(result);
    }

    /// <summary>
    /// The practice an organisation may adopt or endorse: the caller acts for that organisation, the practice exists,
    /// and another organisation shared it. Otherwise the problem to answer.
    /// </summary>
    private static async Task<(PracticeItem? Item, ProblemHttpResult? Refused)> OthersPracticeAsync(
        Guid practiceId, Area organisation, string action, string verb, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        if (!user.MayEdit(organisation.Code.Value, areas))
        {
            return (null, PracticesApi.Forbidden($"You may {action} only for your own organisation, not {organisation.Code}."));
        }

        var item = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (item is null)
        {
            return (null, PracticesApi.NotFound(practiceId));
        }

        return item.OrganisationCode == organisation.Code.Value ? (null, OwnPractice(organisation, verb)) : (item, null);
    }

    /// <summary>The organisation named in the body, or the caller's own; an admin must name one.</summary>
    private static Area? ActingOrganisation(string? code, ClaimsPrincipal user, AreaRegistry areas, ValidationErrors errors)
    {
        if (code is not null)
        {
            if (areas.TryResolve(code, out var named) && named.Type != AreaType.Country)
            {
                return named;
            }

            errors.Add("organisationCode", $"'{code}' is not an organisation of the Network.");
            return null;
        }

        if (!user.IsAdmin() && user.TryGetOrganisation(areas, out var own))
        {
            return own;
        }

        errors.Add("organisationCode", "Required: name the organisation.");
        return null;
    }

    private static ProblemHttpResult OwnPractice(Area organisation, string verb) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: OwnPracticeType,
        title: "This is your own organisation's practice",
        detail: $"{organisation.Name} shared this practice, so it cannot {verb} it.");

    private static ProblemHttpResult AlreadyRecorded(Area organisation, Guid practiceId, string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: AlreadyRecordedType,
        title: $"Already {what}",
        detail: $"{organisation.Name} has already {what} practice {practiceId}.");
}
