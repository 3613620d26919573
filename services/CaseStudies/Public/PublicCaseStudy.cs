using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Contracts.CaseStudies;

namespace ChampionNetwork.CaseStudies.Public;

/// <summary>
/// What the public may see of a case study: its public edition (published or withdrawn), the public (major) change
/// notes of every edition it has had, and whether names were changed. A quoted person who does not consent to
/// publication (any more) means the body is not shown.
/// </summary>
public sealed record PublicCaseStudy(
    Guid Id,
    string Slug,
    OrganisationSummary Organisation,
    int Edition,
    string Title,
    string Summary,
    string? BodyHtml,
    bool BodyHidden,
    List<string> Pillars,
    List<string> OutcomeCodes,
    bool NamesChanged,
    List<PublicQuotedPerson> QuotedPeople,
    DateTimeOffset FirstPublishedAt,
    DateTimeOffset LastMajorChangeAt,
    bool Withdrawn,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalExplanation,
    List<PublicChangeNote> ChangeNotes)
{
    public const string NamesChangedNote = "Some names have been changed to protect privacy.";

    public static PublicCaseStudy? Of(CaseStudy study, ConsentLedger consent, OrganisationSummary organisation)
    {
        var shown = study.Editions.FirstOrDefault(e => WorkflowTable.Public.Contains(e.State));
        if (shown is null)
        {
            return null;
        }

        var published = study.Editions.Where(e => e.PublishedAt is not null).OrderByDescending(e => e.Number).ToList();
        var notes = published
            .Where(e => e.ChangeNoteKind == ChangeNoteKind.Major)
            .Select(e => new PublicChangeNote(e.Number, e.PublishedAt!.Value, e.ChangeNote ?? CaseStudyWorkflow.FirstEditionNote))
            .ToList();
        var hidden = consent.Lacking(shown).Count > 0;
        var withdrawn = shown.State == EditionState.Withdrawn;
        var lastMajor = notes.Count > 0 ? notes.Max(n => n.At) : shown.PublishedAt!.Value;
        if (withdrawn && shown.WithdrawnAt > lastMajor)
        {
            lastMajor = shown.WithdrawnAt.Value;
        }

        return new PublicCaseStudy(
            study.Id,
            study.Slug,
            organisation,
            shown.Number,
            shown.Title,
            shown.Summary,
            hidden ? null : shown.BodyHtml,
            hidden,
            shown.Pillars,
            shown.OutcomeCodes,
            shown.IsNamesChangedShown,
            hidden ? [] : [.. shown.QuotedPeople.Select(p => new PublicQuotedPerson(p.ShownAs, p.Role, p.NameChanged))],
            published.Min(e => e.PublishedAt!.Value),
            lastMajor,
            withdrawn,
            withdrawn ? shown.WithdrawnAt : null,
            withdrawn ? shown.WithdrawalExplanation : null,
            notes);
    }
}

public sealed record PublicQuotedPerson(string ShownAs, string Role, bool NameChanged);

public sealed record PublicChangeNote(int Edition, DateTimeOffset At, string Note);
