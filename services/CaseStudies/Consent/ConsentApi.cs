using System.Security.Claims;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>
/// The consent of each person a case study quotes: recorded by the organisation's editors (or an admin), read by
/// reviewers too. Withdrawing it acts on the published and scheduled editions at once (<see cref="ConsentWithdrawal"/>).
/// </summary>
public static class ConsentApi
{
    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/case-studies/{caseStudyId:guid}/consents").WithTags("Consent");

        api.MapGet("/", GetConsents)
            .WithName("GetConsents")
            .WithSummary("Every consent record of the case study, oldest first")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{personKey}", GiveConsent)
            .WithName("GiveConsent")
            .WithSummary("Record a quoted person's consent: who gave it, when, and for which uses (publication, network, training)")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{personKey}/withdrawal", WithdrawConsent)
            .WithName("WithdrawConsent")
            .WithSummary("Record that a quoted person withdrew consent: a published edition quoting them is withdrawn, a scheduled one unscheduled")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<List<ConsentView>>, ProblemHttpResult>> GetConsents(
        Guid caseStudyId, ClaimsPrincipal user, WorkflowRunner runner, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var study = await runner.Db.CaseStudies.AsNoTracking().SingleOrDefaultAsync(s => s.Id == caseStudyId, cancellationToken);
        if (study is null)
        {
            return CaseStudiesApi.NotFound(caseStudyId);
        }

        if (!user.ToActor(areas).MayRead(study))
        {
            return CaseStudiesApi.Forbidden(study);
        }

        var records = await runner.Db.Consents.AsNoTracking().Where(c => c.CaseStudyId == caseStudyId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(View).ToList());
    }

    public static async Task<Results<Ok<ConsentView>, ValidationProblem, ProblemHttpResult>> GiveConsent(
        Guid caseStudyId, string personKey, ConsentGiven request, ClaimsPrincipal user, WorkflowRunner runner, AreaRegistry areas, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        if (!EditionValidator.IsPersonKey(personKey))
        {
            errors.Add("personKey", $"A key is 1 to {CaseStudyLimits.PersonKey} lower-case letters, digits or hyphens.");
        }

        errors.RequireText("givenBy", request.GivenBy, CaseStudyLimits.Name);
        if (request.GivenAt is null)
        {
            errors.Add("givenAt", "Required: when the consent was given.");
        }
        else if (request.GivenAt > now.AddMinutes(5))
        {
            errors.Add("givenAt", "Consent cannot be given in the future.");
        }

        if (request.Uses is not { Count: > 0 })
        {
            errors.Add("uses", $"Name what the consent covers: any of {string.Join(", ", ConsentUses.All)}.");
        }
        else
        {
            for (var i = 0; i < request.Uses.Count; i++)
            {
                if (!ConsentUses.All.Contains(request.Uses[i]))
                {
                    errors.Add($"uses[{i}]", $"'{request.Uses[i]}' is not a use: one of {string.Join(", ", ConsentUses.All)}.");
                }
            }
        }

        if (request.Note is { Length: > CaseStudyWorkflow.NoteLength })
        {
            errors.Add("note", $"At most {CaseStudyWorkflow.NoteLength:N0} characters.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The consent is not valid");
        }

        var actor = user.ToActor(areas);
        await using var transaction = await runner.Db.Database.BeginTransactionAsync(cancellationToken);
        var study = await runner.LockAsync(caseStudyId, cancellationToken);
        if (study is null)
        {
            return CaseStudiesApi.NotFound(caseStudyId);
        }

        if (!actor.MayEdit(study))
        {
            return CaseStudiesApi.Forbidden(study);
        }

        var record = new ConsentRecord
        {
            CaseStudyId = caseStudyId,
            PersonKey = personKey,
            Given = true,
            GivenBy = request.GivenBy!.Trim(),
            At = request.GivenAt!.Value,
            Uses = [.. request.Uses!.Distinct(StringComparer.Ordinal)],
            Note = request.Note,
            RecordedBy = actor.Subject,
            RecordedAt = now,
        };
        runner.Db.Consents.Add(record);
        runner.Db.Transitions.Add(CaseStudyWorkflow.Record(study, 0, "consent-given", null, null, actor, actor.CapacitiesFor(study), now,
            $"{personKey}: {string.Join(", ", record.Uses)}"));
        await runner.Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(View(record));
    }

    public static async Task<Results<Ok<CaseStudyView>, ValidationProblem, ProblemHttpResult>> WithdrawConsent(
        Guid caseStudyId, string personKey, ConsentWithdrawn? request, ClaimsPrincipal user, WorkflowRunner runner, AreaRegistry areas, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        if (!EditionValidator.IsPersonKey(personKey))
        {
            errors.Add("personKey", $"A key is 1 to {CaseStudyLimits.PersonKey} lower-case letters, digits or hyphens.");
        }

        if (request?.WithdrawnBy is { Length: > CaseStudyLimits.Name })
        {
            errors.Add("withdrawnBy", $"At most {CaseStudyLimits.Name} characters.");
        }

        if (request?.Note is { Length: > CaseStudyWorkflow.NoteLength })
        {
            errors.Add("note", $"At most {CaseStudyWorkflow.NoteLength:N0} characters.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The withdrawal is not valid");
        }

        var actor = user.ToActor(areas);
        await using var transaction = await runner.Db.Database.BeginTransactionAsync(cancellationToken);
        var study = await runner.LockAsync(caseStudyId, cancellationToken);
        if (study is null)
        {
            return CaseStudiesApi.NotFound(caseStudyId);
        }

        if (!actor.MayEdit(study))
        {
            return CaseStudiesApi.Forbidden(study);
        }

        var record = new ConsentRecord
        {
            CaseStudyId = caseStudyId,
            PersonKey = personKey,
            Given = false,
            GivenBy = request?.WithdrawnBy?.Trim(),
            At = request?.WithdrawnAt ?? now,
            Note = request?.Note,
            RecordedBy = actor.Subject,
            RecordedAt = now,
        };
        runner.Db.Consents.Add(record);
        runner.Db.Transitions.Add(CaseStudyWorkflow.Record(study, 0, "consent-withdrawn", null, null, actor, actor.CapacitiesFor(study), now, personKey));
        var existing = await runner.Db.Consents.AsNoTracking().Where(c => c.CaseStudyId == caseStudyId).ToListAsync(cancellationToken);
        var consent = new ConsentLedger([.. existing, record]);
        var outcomes = ConsentWithdrawal.Apply(study, personKey, consent, now);
        await runner.StoreAsync(outcomes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(study.View(actor, consent, areas));
    }

    private static ConsentView View(ConsentRecord r) => new(r.PersonKey, r.Given, r.GivenBy, r.At, r.Uses, r.Note, r.RecordedBy, r.RecordedAt);
}
