using ChampionNetwork.Contracts.CaseStudies;

namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>An edition's content, to create a case study or edit a draft. <c>organisationCode</c> is for admins.</summary>
public sealed record EditionContent(
    string? Title,
    string? Summary,
    string? Body,
    IReadOnlyList<string>? Pillars,
    IReadOnlyList<string>? OutcomeCodes,
    bool NamesChanged,
    IReadOnlyList<QuotedPersonContent>? QuotedPeople,
    ChangeNoteKind? ChangeNoteKind,
    string? ChangeNote,
    string? OrganisationCode = null);

public sealed record QuotedPersonContent(string? Key, string? ShownAs, string? Role, bool NameChanged);

public sealed record OrganisationSummary(string Code, string Name, string Type, string? BoardCode);

public sealed record CaseStudyView(Guid Id, string Slug, OrganisationSummary Organisation, string PublicPath, string? RedirectTo, List<EditionView> Editions);

public sealed record CaseStudySummaryView(Guid Id, string Slug, string OrganisationCode, string Title, List<EditionStateView> Editions);

public sealed record EditionStateView(int Number, string State);

public sealed record EditionView(
    int Number,
    string State,
    string Title,
    string Summary,
    string BodyMarkdown,
    string BodyHtml,
    List<string> Pillars,
    List<string> OutcomeCodes,
    bool NamesChanged,
    List<QuotedPersonView> QuotedPeople,
    ChangeNoteKind? ChangeNoteKind,
    string? ChangeNote,
    string Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? RejectionNote,
    string? ApprovedBy,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? PublishedAt,
    bool ForcePublished,
    string? ForcePublishedBy,
    string? ForcePublishReason,
    string? RetrospectivelyApprovedBy,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalExplanation,
    DateTimeOffset? SupersededAt,
    List<string> AllowedTransitions);

public sealed record QuotedPersonView(string Key, string ShownAs, string Role, bool NameChanged, bool ConsentToPublication);

public sealed record TransitionView(int Edition, string Command, string? From, string? To, string Actor, string ActedAs, DateTimeOffset At, string? Note);

public sealed record HistoryView(Guid Id, string Slug, List<EditionStateView> Editions, List<TransitionView> Transitions);

public sealed record WorkflowRuleView(string Command, string From, string To, List<string> Who, string? Condition);
