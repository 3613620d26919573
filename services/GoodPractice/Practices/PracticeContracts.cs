namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>
/// Body of <c>POST /api/practices</c> and <c>PUT /api/practices/{id}</c>. <see cref="Body"/> is Markdown.
/// <see cref="OrganisationCode"/> defaults to the editor's own organisation; an admin names it.
/// On PUT, <see cref="ExpectedVersion"/> (if given) must be the current version, so an edit never overwrites one it did not see.
/// </summary>
public sealed record PracticeSubmission(
    string? Title,
    string? Summary,
    string? Body,
    IReadOnlyList<string>? Pillars,
    IReadOnlyList<string>? OutcomeCodes,
    IReadOnlyList<string>? Tags,
    string? OrganisationCode,
    PracticeContact? Contact,
    IReadOnlyList<PracticeLinkSubmission>? Links,
    bool IsPublic = false,
    int? ExpectedVersion = null);

public sealed record PracticeContact(string? Name, string? Email);

public sealed record PracticeLinkSubmission(string? Title, string? Url);

public sealed record OrganisationSummary(string Code, string Name, string Type, string? BoardCode);

public sealed record Adopter(OrganisationSummary Organisation, string? Note, DateOnly? AdoptedOn, DateTimeOffset RecordedAt);

public sealed record Endorser(OrganisationSummary Organisation, DateTimeOffset EndorsedAt);

public sealed record PracticeDetails(
    Guid Id,
    string Title,
    string Summary,
    string BodyMarkdown,
    string BodyHtml,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes,
    IReadOnlyList<string> Tags,
    OrganisationSummary Organisation,
    PracticeContact? Contact,
    IReadOnlyList<PracticeLink> Links,
    bool IsPublic,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    int AdoptionCount,
    int EndorsementCount,
    IReadOnlyList<Adopter> AdoptedBy,
    IReadOnlyList<Endorser> EndorsedBy);

public sealed record PracticeRevisionDetails(
    int Version,
    DateTimeOffset SavedAt,
    string SavedBy,
    string Title,
    string Summary,
    string BodyMarkdown,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<PracticeLink> Links,
    PracticeContact? Contact,
    bool IsPublic);
