using System.Security.Claims;
using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Data;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Markdown;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>Authoring: create a case study (its first edition, a draft), read it, edit a draft, read the history.</summary>
public static class CaseStudiesApi
{
    public static IEndpointRouteBuilder MapCaseStudiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/case-studies").WithTags("Case studies");

        api.MapGet("/", ListCaseStudies)
            .WithName("ListCaseStudies")
            .WithSummary("Case studies and the states of their editions: an org-editor's own organisation's, or all for reviewers and admins")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/", CreateCaseStudy)
            .WithName("CreateCaseStudy")
            .WithSummary("Start a case study for your organisation: its first edition, as a draft (org-editor; admin names organisationCode)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/{caseStudyId:guid}", GetCaseStudy)
            .WithName("GetCaseStudy")
            .WithSummary("A case study with every edition and the transitions you may make from each")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{caseStudyId:guid}/editions/{edition:int}", EditEdition)
            .WithName("EditEdition")
            .WithSummary("Change a draft or rejected edition's content (its organisation's org-editors, or an admin)")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{caseStudyId:guid}/history", GetHistory)
            .WithName("GetCaseStudyHistory")
            .WithSummary("Every edition and every transition: who, when and why")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Ok<List<CaseStudySummaryView>>> ListCaseStudies(
        string? state, ClaimsPrincipal user, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var actor = user.ToActor(areas);
        var query = db.CaseStudies.AsNoTracking().Include(s => s.Editions).AsQueryable();
        if (!actor.Roles.Contains(Identity.Roles.Reviewer) && !actor.Roles.Contains(Identity.Roles.Admin))
        {
            var own = actor.Roles.Contains(Identity.Roles.OrgEditor) ? actor.Organisation : null;
            query = query.Where(s => s.OrganisationCode == own);
        }

        var studies = await query.OrderBy(s => s.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var list = studies
            .Where(s => state is null || s.Editions.Any(e => string.Equals(e.State.ToString(), state, StringComparison.OrdinalIgnoreCase)))
            .Select(s => new CaseStudySummaryView(s.Id, s.Slug, s.OrganisationCode, s.Editions.OrderBy(e => e.Number).LastOrDefault()?.Title ?? "",
                [.. s.Editions.OrderBy(e => e.Number).Select(e => new EditionStateView(e.Number, e.State.ToString()))]))
            .ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Created<CaseStudyView>, ValidationProblem, ProblemHttpResult>> CreateCaseStudy(
        EditionContent request, ClaimsPrincipal user, CaseStudiesDb db, AreaRegistry areas, MarkdownRenderer markdown, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = user.ToActor(areas);
        var errors = new ValidationErrors();
        var valid = EditionValidator.Validate(request, areas, errors);
        var organisation = valid?.Organisation?.Code.Value;
        if (valid is not null && organisation is null)
        {
            if (actor.Roles.Contains(Identity.Roles.Admin) || actor.Organisation is null)
            {
                errors.Add("organisationCode", "Required: name the organisation the case study is about.");
            }
            else
            {
                organisation = actor.Organisation;
            }
        }

        if (valid is null || organisation is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The case study is not valid");
        }

        var study = new CaseStudy { Id = Guid.NewGuid(), Slug = "", OrganisationCode = organisation, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Subject };
        if (!actor.MayEdit(study))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your organisation",
                detail: $"You may start case studies only for your own organisation, not {organisation}.");
        }

        var now = clock.GetUtcNow();
        var edition = new Edition
        {
            CaseStudyId = study.Id,
            Number = 1,
            State = EditionState.Draft,
            Title = "",
            Summary = "",
            BodyMarkdown = "",
            BodyHtml = "",
            AuthorSubject = actor.Subject,
            CreatedAt = now,
        };
        Apply(edition, valid, markdown, now);
        study.Editions.Add(edition);

        var slug = Slugs.From(valid.Title);
        for (var attempt = 0; ; attempt++)
        {
            var taken = await db.CaseStudies.AsNoTracking().Where(s => s.Slug == slug || s.Slug.StartsWith(slug + "-")).Select(s => s.Slug).ToListAsync(cancellationToken);
            study.Slug = Slugs.FirstFree(slug, taken);
            db.CaseStudies.Add(study);
            db.Transitions.Add(CaseStudyWorkflow.Record(study, 1, "create", null, EditionState.Draft, actor, actor.CapacitiesFor(study), now, null));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another case study took the slug between the look-up and the insert: choose again.
                db.ChangeTracker.Clear();
            }
        }

        return TypedResults.Created($"/api/case-studies/{study.Id}", study.View(actor, ConsentLedger.Empty, areas));
    }

    public static async Task<Results<Ok<CaseStudyView>, ProblemHttpResult>> GetCaseStudy(
        Guid caseStudyId, ClaimsPrincipal user, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var actor = user.ToActor(areas);
        var study = await db.CaseStudies.AsNoTracking().Include(s => s.Editions).SingleOrDefaultAsync(s => s.Id == caseStudyId, cancellationToken);
        if (study is null)
        {
            return NotFound(caseStudyId);
        }

        if (!actor.MayRead(study))
        {
            return Forbidden(study);
        }

        var consent = new ConsentLedger(await db.Consents.AsNoTracking().Where(c => c.CaseStudyId == caseStudyId).ToListAsync(cancellationToken));
        return TypedResults.Ok(study.View(actor, consent, areas));
    }

    public static async Task<Results<Ok<CaseStudyView>, ValidationProblem, ProblemHttpResult>> EditEdition(
        Guid caseStudyId, int edition, EditionContent request, ClaimsPrincipal user, WorkflowRunner runner, AreaRegistry areas, MarkdownRenderer markdown,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = user.ToActor(areas);
        var db = runner.Db;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var study = await runner.LockAsync(caseStudyId, cancellationToken);
        if (study is null)
        {
            return NotFound(caseStudyId);
        }

        if (!actor.MayEdit(study))
        {
            return Forbidden(study);
        }

        var target = study.Editions.FirstOrDefault(e => e.Number == edition);
        if (target is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Edition not found", detail: $"Case study {caseStudyId} has no edition {edition}.");
        }

        if (!WorkflowTable.Editable.Contains(target.State))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: WorkflowProblems.IllegalTransitionType,
                title: $"An edition that is {target.State} cannot be edited",
                detail: $"Only {string.Join(" or ", WorkflowTable.Editable)} editions change; start a new edition of a published case study.",
                extensions: new Dictionary<string, object?>
                {
                    ["currentState"] = target.State.ToString(),
                    ["allowedTransitions"] = WorkflowTable.AllowedFrom(target.State, target.ForcePublished, actor.CapacitiesFor(study)).Select(c => c.Name()).ToList(),
                });
        }

        var errors = new ValidationErrors();
        var valid = EditionValidator.Validate(request, areas, errors);
        if (valid?.Organisation is { } moved && moved.Code.Value != study.OrganisationCode)
        {
            errors.Add("organisationCode", $"A case study stays with its organisation ({study.OrganisationCode}).");
        }

        if (valid is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The edition is not valid");
        }

        var now = clock.GetUtcNow();
        Apply(target, valid, markdown, now);
        db.Transitions.Add(CaseStudyWorkflow.Record(study, edition, "edit", target.State, target.State, actor, actor.CapacitiesFor(study), now, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(study.View(actor, await runner.ConsentAsync(caseStudyId, cancellationToken), areas));
    }

    public static async Task<Results<Ok<HistoryView>, ProblemHttpResult>> GetHistory(
        Guid caseStudyId, ClaimsPrincipal user, CaseStudiesDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var actor = user.ToActor(areas);
        var study = await db.CaseStudies.AsNoTracking().Include(s => s.Editions).SingleOrDefaultAsync(s => s.Id == caseStudyId, cancellationToken);
        if (study is null)
        {
            return NotFound(caseStudyId);
        }

        if (!actor.MayRead(study))
        {
            return Forbidden(study);
        }

        var transitions = await db.Transitions.AsNoTracking().Where(t => t.CaseStudyId == caseStudyId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new HistoryView(
            study.Id,
            study.Slug,
            [.. study.Editions.OrderBy(e => e.Number).Select(e => new EditionStateView(e.Number, e.State.ToString()))],
            [.. transitions.Select(t => new TransitionView(t.Edition, t.Command, t.FromState?.ToString(), t.ToState?.ToString(), t.Actor, t.ActedAs, t.At, t.Note))]));
    }

    internal static ProblemHttpResult NotFound(Guid caseStudyId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Case study not found", detail: $"There is no case study {caseStudyId}.");

    internal static ProblemHttpResult Forbidden(CaseStudy study) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Not your organisation's case study",
        detail: $"Case study {study.Id} belongs to {study.OrganisationCode}: its org-editors, reviewers and admins act on it.");

    private static void Apply(Edition edition, ValidContent valid, MarkdownRenderer markdown, DateTimeOffset now)
    {
        edition.Title = valid.Title;
        edition.Summary = valid.Summary;
        edition.BodyMarkdown = valid.Body;
        edition.BodyHtml = markdown.Render(valid.Body).Html;
        edition.Pillars = valid.Pillars;
        edition.OutcomeCodes = valid.OutcomeCodes;
        edition.NamesChanged = valid.NamesChanged;
        edition.QuotedPeople = valid.QuotedPeople;
        edition.ChangeNoteKind = valid.ChangeNoteKind;
        edition.ChangeNote = valid.ChangeNote;
        edition.UpdatedAt = now;
    }
}
