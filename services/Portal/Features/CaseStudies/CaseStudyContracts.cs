namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>What the portal reads of and sends to the CaseStudies API.</summary>
public sealed record EditionContent(
    string? Title, string? Summary, string? Body, IReadOnlyList<string> Pillars, IReadOnlyList<string> OutcomeCodes, bool NamesChanged,
    IReadOnlyList<QuotedPersonContent> QuotedPeople, string? ChangeNoteKind, string? ChangeNote);

public sealed record QuotedPersonContent(string? Key, string? ShownAs, string? Role, bool NameChanged);

public sealed record OrganisationSummary(string Code, string Name, string Type, string? BoardCode);

public sealed record EditionState(int Number, string State);

public sealed record CaseStudySummary(Guid Id, string Slug, string OrganisationCode, string Title, IReadOnlyList<EditionState> Editions);

public sealed record QuotedPerson(string Key, string ShownAs, string Role, bool NameChanged, bool ConsentToPublication);

public sealed record Edition(
    int Number, string State, string Title, string Summary, string BodyMarkdown, string BodyHtml, IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes, bool NamesChanged, IReadOnlyList<QuotedPerson> QuotedPeople, string? ChangeNoteKind,
    string? ChangeNote, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? RejectionNote, string? ApprovedBy,
    DateTimeOffset? ScheduledFor, DateTimeOffset? PublishedAt, bool ForcePublished, string? ForcePublishReason,
    string? RetrospectivelyApprovedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalExplanation, IReadOnlyList<string> AllowedTransitions);

public sealed record CaseStudy(Guid Id, string Slug, OrganisationSummary Organisation, string PublicPath, string? RedirectTo, IReadOnlyList<Edition> Editions);

public sealed record Transition(int Edition, string Command, string? From, string? To, string Actor, string ActedAs, DateTimeOffset At, string? Note);

public sealed record CaseStudyHistory(Guid Id, string Slug, IReadOnlyList<EditionState> Editions, IReadOnlyList<Transition> Transitions);

public sealed record TransitionArguments(string? Note = null, string? Reason = null, string? Explanation = null, DateTimeOffset? PublishAt = null, string? RedirectTo = null);

public sealed record ConsentGiven(string? GivenBy, DateTimeOffset? GivenAt, IReadOnlyList<string> Uses, string? Note);

public sealed record PublicQuotedPerson(string ShownAs, string Role, bool NameChanged);

public sealed record PublicChangeNote(int Edition, DateTimeOffset At, string Note);

public sealed record PublicCaseStudy(
    Guid Id, string Slug, OrganisationSummary Organisation, int Edition, string Title, string Summary, string? BodyHtml, bool BodyHidden,
    IReadOnlyList<string> Pillars, IReadOnlyList<string> OutcomeCodes, bool NamesChanged, IReadOnlyList<PublicQuotedPerson> QuotedPeople,
    DateTimeOffset FirstPublishedAt, DateTimeOffset LastMajorChangeAt, bool Withdrawn, DateTimeOffset? WithdrawnAt,
    string? WithdrawalExplanation, IReadOnlyList<PublicChangeNote> ChangeNotes);
