namespace ChampionNetwork.Portal.Features.Practices;

/// <summary>What the portal reads of and sends to the GoodPractice API.</summary>
public sealed record SearchHit(
    Guid Id, string Title, string Summary, string SnippetHtml, string OrganisationCode, string OrganisationName,
    IReadOnlyList<string> Pillars, IReadOnlyList<string> OutcomeCodes, IReadOnlyList<string> Tags, bool IsPublic,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int AdoptionCount, int EndorsementCount);

public sealed record SearchPage(IReadOnlyList<SearchHit> Items, string? NextCursor, string Sort);

public sealed record SearchQuery(string? Q, string? Pillar, string? Outcome, string? Organisation, string? Area, string? Tag, string? Sort, string? Cursor)
{
    public bool IsEmpty => new[] { Q, Pillar, Outcome, Organisation, Area, Tag }.All(string.IsNullOrWhiteSpace);
}

public sealed record OrganisationSummary(string Code, string Name, string Type, string? BoardCode);

public sealed record PracticeContact(string? Name, string? Email);

public sealed record PracticeLink(string Title, string Url);

public sealed record PracticeLinkSubmission(string? Title, string? Url);

public sealed record Adopter(OrganisationSummary Organisation, string? Note, DateOnly? AdoptedOn, DateTimeOffset RecordedAt);

public sealed record Endorser(OrganisationSummary Organisation, DateTimeOffset EndorsedAt);

public sealed record PracticeDetails(
    Guid Id, string Title, string Summary, string BodyMarkdown, string BodyHtml, IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes, IReadOnlyList<string> Tags, OrganisationSummary Organisation, PracticeContact? Contact,
    IReadOnlyList<PracticeLink> Links, bool IsPublic, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version,
    int AdoptionCount, int EndorsementCount, IReadOnlyList<Adopter> AdoptedBy, IReadOnlyList<Endorser> EndorsedBy);

public sealed record PracticeSubmission(
    string? Title, string? Summary, string? Body, IReadOnlyList<string> Pillars, IReadOnlyList<string> OutcomeCodes,
    IReadOnlyList<string> Tags, PracticeContact? Contact, IReadOnlyList<PracticeLinkSubmission> Links, bool IsPublic);

public sealed record AdoptionSubmission(string? Note, DateOnly? AdoptedOn);

public sealed record PreviewRequest(string? Body);

public sealed record PreviewResult(string BodyHtml);

public sealed record PeerAdoption(Guid PracticeId, string Title, string Summary, OrganisationSummary SharedBy, IReadOnlyList<OrganisationSummary> AdoptedBy, bool AdoptedByYou, DateTimeOffset LastAdoptedAt);

public sealed record LikeMine(OrganisationSummary Organisation, string Like, IReadOnlyList<PeerAdoption> Practices);
