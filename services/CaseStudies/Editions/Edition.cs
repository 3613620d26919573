using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Contracts.CaseStudies;

namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>One edition of a case study: its content, where it stands in the workflow, and what that took.</summary>
public sealed class Edition
{
    public Guid CaseStudyId { get; set; }

    public int Number { get; set; }

    public EditionState State { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public required string BodyMarkdown { get; set; }

    /// <summary>Rendered with Markdig and sanitised: the only HTML ever served.</summary>
    public required string BodyHtml { get; set; }

    public List<string> Pillars { get; set; } = [];

    public List<string> OutcomeCodes { get; set; } = [];

    /// <summary>The page says "some names have been changed to protect privacy", as Annex A does.</summary>
    public bool NamesChanged { get; set; }

    public List<QuotedPerson> QuotedPeople { get; set; } = [];

    public ChangeNoteKind? ChangeNoteKind { get; set; }

    public string? ChangeNote { get; set; }

    /// <summary>The "sub" of whoever created this edition: they never approve it.</summary>
    public required string AuthorSubject { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? RejectionNote { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ScheduledFor { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Raised by force-publish; lowered only by a reviewer other than the author and the force-publisher.</summary>
    public bool ForcePublished { get; set; }

    public string? ForcePublishedBy { get; set; }

    public string? ForcePublishReason { get; set; }

    public string? RetrospectivelyApprovedBy { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawalExplanation { get; set; }

    public DateTimeOffset? SupersededAt { get; set; }

    public bool IsNamesChangedShown => NamesChanged || QuotedPeople.Any(p => p.NameChanged);
}
