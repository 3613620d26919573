using System.Security.Claims;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.GoodPractice.Data;
using ChampionNetwork.GoodPractice.Search;
using ChampionNetwork.Markdown;
using ChampionNetwork.ServiceDefaults.Validation;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Practices;

public static class PracticesApi
{
    public const string VersionConflictType = "https://championnetwork.scot/problems/practice-version-conflict";

    public static IEndpointRouteBuilder MapPracticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/practices").WithTags("Practices");

        api.MapGet("/{practiceId:guid}", GetPractice)
            .WithName("GetPractice")
            .WithSummary("One practice with its sanitised HTML, who adopted it and who endorsed it (public ones anonymously)")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{practiceId:guid}/history", GetHistory)
            .WithName("GetPracticeHistory")
            .WithSummary("Every saved version of a practice, oldest first (members)")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/", CreatePractice)
            .WithName("CreatePractice")
            .WithSummary("Share a practice for your organisation (org-editor; admin for any organisation)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapPut("/{practiceId:guid}", EditPractice)
            .WithName("EditPractice")
            .WithSummary("Edit a practice; the previous version stays in its history (its organisation's org-editor, or admin)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return app;
    }

    public static async Task<Results<Ok<PracticeDetails>, ProblemHttpResult>> GetPractice(
        Guid practiceId, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var item = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (item is null || (!item.IsPublic && !user.IsMember()))
        {
            return NotFound(practiceId);
        }

        return TypedResults.Ok(await DetailsAsync(item, db, areas, cancellationToken));
    }

    public static async Task<Results<Ok<List<PracticeRevisionDetails>>, ProblemHttpResult>> GetHistory(
        Guid practiceId, GoodPracticeDb db, CancellationToken cancellationToken)
    {
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.PracticeId == practiceId).OrderBy(r => r.Version).ToListAsync(cancellationToken);
        return revisions.Count == 0
            ? NotFound(practiceId)
            : TypedResults.Ok(revisions.Select(r => new PracticeRevisionDetails(
                r.Version, r.SavedAt, r.SavedBy, r.Title, r.Summary, r.BodyMarkdown, r.Pillars, r.OutcomeCodes, r.Tags, r.Links,
                ContactOf(r.ContactName, r.ContactEmail), r.IsPublic)).ToList());
    }

    public static async Task<Results<Created<PracticeDetails>, ValidationProblem, ProblemHttpResult>> CreatePractice(
        PracticeSubmission request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, MarkdownRenderer markdown, TimeProvider clock, CorpusChanges corpus, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var valid = PracticeValidator.Validate(request, areas, errors);
        var organisation = valid?.Organisation;
        if (valid is not null && organisation is null)
        {
            if (user.IsAdmin() || !user.TryGetOrganisation(areas, out organisation))
            {
                errors.Add("organisationCode", "Required: name the organisation sharing the practice.");
            }
        }

        if (valid is null || organisation is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The practice is not valid");
        }

        if (!user.MayEdit(organisation.Code.Value, areas))
        {
            return Forbidden($"You may share practice only for your own organisation, not {organisation.Code}.");
        }

        var now = clock.GetUtcNow();
        var item = new PracticeItem
        {
            Id = Guid.NewGuid(),
            Title = valid.Title,
            Summary = valid.Summary,
            BodyMarkdown = valid.Body,
            BodyHtml = "",
            BodyText = "",
            OrganisationCode = organisation.Code.Value,
            CreatedAt = now,
            Version = 1,
        };
        Apply(item, valid, markdown, now);
        db.Practices.Add(item);
        db.Revisions.Add(PracticeRevision.Of(item, user.Subject()));
        db.AddIntegrationEvent(new GoodPracticeShared(Guid.NewGuid(), now, item.Id, item.Title, item.OrganisationCode, item.Pillars, item.OutcomeCodes));
        await db.SaveChangesAsync(cancellationToken);
        corpus.Changed();
        return TypedResults.Created($"/api/practices/{item.Id}", await DetailsAsync(item, db, areas, cancellationToken));
    }

    public static async Task<Results<Ok<PracticeDetails>, ValidationProblem, ProblemHttpResult>> EditPractice(
        Guid practiceId, PracticeSubmission request, ClaimsPrincipal user, GoodPracticeDb db, AreaRegistry areas, MarkdownRenderer markdown, TimeProvider clock, CorpusChanges corpus, CancellationToken cancellationToken)
    {
        var item = await db.Practices.SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (item is null)
        {
            return NotFound(practiceId);
        }

        if (!user.MayEdit(item.OrganisationCode, areas))
        {
            return Forbidden($"Practice {practiceId} belongs to {item.OrganisationCode}: only its editors or an admin may change it.");
        }

        var errors = new ValidationErrors();
        var valid = PracticeValidator.Validate(request, areas, errors);
        if (valid?.Organisation is { } moved && moved.Code.Value != item.OrganisationCode)
        {
            errors.Add("organisationCode", $"A practice stays with the organisation that shared it ({item.OrganisationCode}).");
        }

        if (valid is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The practice is not valid");
        }

        if (request.ExpectedVersion is { } expected && expected != item.Version)
        {
            return VersionConflict(practiceId, item.Version);
        }

        var now = clock.GetUtcNow();
        item.Version++;
        Apply(item, valid, markdown, now);
        db.Revisions.Add(PracticeRevision.Of(item, user.Subject()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another edit saved this version first (the version is a concurrency token and a revision's key).
            return VersionConflict(practiceId, item.Version - 1);
        }

        corpus.Changed();
        return TypedResults.Ok(await DetailsAsync(item, db, areas, cancellationToken));
    }

    internal static async Task<PracticeDetails> DetailsAsync(PracticeItem item, GoodPracticeDb db, AreaRegistry areas, CancellationToken cancellationToken)
    {
        var adoptions = await db.Adoptions.AsNoTracking().Where(a => a.PracticeId == item.Id).OrderBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        var endorsements = await db.Endorsements.AsNoTracking().Where(e => e.PracticeId == item.Id).OrderBy(e => e.EndorsedAt).ToListAsync(cancellationToken);
        return new PracticeDetails(
            item.Id,
            item.Title,
            item.Summary,
            item.BodyMarkdown,
            item.BodyHtml,
            item.Pillars,
            item.OutcomeCodes,
            item.Tags,
            areas.Summary(item.OrganisationCode),
            ContactOf(item.ContactName, item.ContactEmail),
            item.Links,
            item.IsPublic,
            item.CreatedAt,
            item.UpdatedAt,
            item.Version,
            item.AdoptionCount,
            item.EndorsementCount,
            [.. adoptions.Select(a => new Adopter(areas.Summary(a.OrganisationCode), a.Note, a.AdoptedOn, a.RecordedAt))],
            [.. endorsements.Select(e => new Endorser(areas.Summary(e.OrganisationCode), e.EndorsedAt))]);
    }

    internal static ProblemHttpResult NotFound(Guid practiceId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Practice not found", detail: $"There is no practice {practiceId} that you may see.");

    internal static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Not your organisation's practice", detail: detail);

    private static ProblemHttpResult VersionConflict(Guid practiceId, int current) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: VersionConflictType,
        title: "The practice changed since you read it",
        detail: $"Practice {practiceId} is at version {current}. Read it again and reapply your edit.");

    private static void Apply(PracticeItem item, ValidPractice valid, MarkdownRenderer markdown, DateTimeOffset now)
    {
        var rendered = markdown.Render(valid.Body);
        item.Title = valid.Title;
        item.Summary = valid.Summary;
        item.BodyMarkdown = valid.Body;
        item.BodyHtml = rendered.Html;
        item.BodyText = rendered.Text;
        item.Pillars = valid.Pillars;
        item.OutcomeCodes = valid.OutcomeCodes;
        item.Tags = valid.Tags;
        item.TagsText = string.Join(' ', valid.Tags);
        item.ContactName = valid.ContactName;
        item.ContactEmail = valid.ContactEmail;
        item.Links = valid.Links;
        item.IsPublic = valid.IsPublic;
        item.UpdatedAt = now;
    }

    private static PracticeContact? ContactOf(string? name, string? email) =>
        name is null && email is null ? null : new PracticeContact(name, email);
}
