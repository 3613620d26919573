using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.Surveys.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChampionNetwork.Surveys.Instruments;

public static class InstrumentsApi
{
    public const string VersionPublishedType = "https://championnetwork.scot/problems/instrument-version-published";

    public static IEndpointRouteBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instruments").WithTags("Instruments");

        api.MapGet("/", ListInstruments)
            .WithName("ListInstruments")
            .WithSummary("List instruments and their published versions")
            .AllowAnonymous();

        api.MapGet("/{instrumentId:guid}", GetInstrument)
            .WithName("GetInstrument")
            .WithSummary("One instrument and its published versions")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{instrumentId:guid}/versions/{version:int}", GetVersion)
            .WithName("GetInstrumentVersion")
            .WithSummary("A published instrument version with its items")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/", CreateInstrument)
            .WithName("CreateInstrument")
            .WithSummary("Create an instrument (admin)")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/{instrumentId:guid}/versions", PublishVersion)
            .WithName("PublishInstrumentVersion")
            .WithSummary("Publish a new, immutable version of an instrument (admin)")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPut("/{instrumentId:guid}/versions/{version:int}", ChangePublishedVersion)
            .WithName("ChangeInstrumentVersion")
            .WithSummary("Published versions are immutable: always 409 for a published version; publish a new version instead (admin)")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    public static async Task<Ok<List<InstrumentSummary>>> ListInstruments(SurveysDb db, CancellationToken cancellationToken)
    {
        var instruments = await db.Instruments.AsNoTracking().OrderBy(i => i.Title).ToListAsync(cancellationToken);
        var versions = await db.InstrumentVersions.AsNoTracking()
            .Select(v => new { v.InstrumentId, v.Version })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(instruments.Select(i => Summary(i, versions.Where(v => v.InstrumentId == i.Id).Select(v => v.Version))).ToList());
    }

    public static async Task<Results<Ok<InstrumentSummary>, ProblemHttpResult>> GetInstrument(Guid instrumentId, SurveysDb db, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken);
        if (instrument is null)
        {
            return NotFound(instrumentId);
        }

        var versions = await db.InstrumentVersions.AsNoTracking().Where(v => v.InstrumentId == instrumentId).Select(v => v.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(Summary(instrument, versions));
    }

    public static async Task<Results<Ok<InstrumentVersionDetails>, ProblemHttpResult>> GetVersion(Guid instrumentId, int version, SurveysDb db, CancellationToken cancellationToken)
    {
        var published = await db.InstrumentVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.InstrumentId == instrumentId && v.Version == version, cancellationToken);
        return published is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Instrument version not found", detail: $"Instrument {instrumentId} has no published version {version}.")
            : TypedResults.Ok(Details(published));
    }

    public static async Task<Results<Created<InstrumentSummary>, ValidationProblem>> CreateInstrument(NewInstrument request, SurveysDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = InstrumentValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The instrument is not valid");
        }

        var instrument = new Instrument { Id = Guid.NewGuid(), Title = request.Title!.Trim(), Description = request.Description?.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Instruments.Add(instrument);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/instruments/{instrument.Id}", Summary(instrument, []));
    }

    public static async Task<Results<Created<InstrumentVersionDetails>, ValidationProblem, ProblemHttpResult>> PublishVersion(
        Guid instrumentId, NewInstrumentVersion request, SurveysDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instrumentId, cancellationToken);
        if (instrument is null)
        {
            return NotFound(instrumentId);
        }

        var errors = InstrumentValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The instrument version is not valid");
        }

        var latest = await db.InstrumentVersions.Where(v => v.InstrumentId == instrumentId).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var number = request.Version ?? latest + 1;
        if (number <= latest)
        {
            return AlreadyPublished(instrumentId, number);
        }

        var version = new InstrumentVersion
        {
            InstrumentId = instrumentId,
            Version = number,
            Title = instrument.Title,
            PublishedAt = clock.GetUtcNow(),
            Items = request.Items!.Select(i => new InstrumentItem(
                i.Id!, i.Text!.Trim(), i.Kind!.Value, Pillar(i.Pillar!), i.OutcomeCodes!.Select(o => o.Trim().ToUpperInvariant()).ToList(), i.Required, i.Options)).ToList(),
        };
        db.InstrumentVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another admin published the same number a moment ago.
            return AlreadyPublished(instrumentId, number);
        }

        return TypedResults.Created($"/api/instruments/{instrumentId}/versions/{number}", Details(version));
    }

    public static async Task<Results<ProblemHttpResult, NotFound>> ChangePublishedVersion(
        Guid instrumentId, int version, NewInstrumentVersion request, SurveysDb db, CancellationToken cancellationToken)
    {
        var exists = await db.InstrumentVersions.AnyAsync(v => v.InstrumentId == instrumentId && v.Version == version, cancellationToken);
        return exists
            ? AlreadyPublished(instrumentId, version)
            : NotFound(instrumentId, version);
    }

    private static ProblemHttpResult AlreadyPublished(Guid instrumentId, int version) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: VersionPublishedType,
        title: "Published versions are immutable",
        detail: $"Version {version} of instrument {instrumentId} is published and cannot change. Publish a new version instead.");

    private static ProblemHttpResult NotFound(Guid instrumentId, int? version = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Instrument not found",
        detail: version is null ? $"There is no instrument {instrumentId}." : $"Instrument {instrumentId} has no version {version}.");

    private static string Pillar(string value) => ReferenceData.ActionPlan.TryParsePillar(value, out var pillar) ? pillar.ToString() : value;

    private static InstrumentSummary Summary(Instrument instrument, IEnumerable<int> versions)
    {
        var ordered = versions.Order().ToList();
        return new InstrumentSummary(instrument.Id, instrument.Title, instrument.Description, ordered, ordered.Count == 0 ? null : ordered[^1]);
    }

    private static InstrumentVersionDetails Details(InstrumentVersion version) =>
        new(version.InstrumentId, version.Title, version.Version, version.PublishedAt, version.Items.Select(InstrumentItemDetails.From).ToList());
}
