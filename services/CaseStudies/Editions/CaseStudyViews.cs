using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.CaseStudies.Editions;

internal static class CaseStudyViews
{
    public static CaseStudyView View(this CaseStudy study, Actor actor, ConsentLedger consent, AreaRegistry areas) => new(
        study.Id,
        study.Slug,
        areas.Summary(study.OrganisationCode),
        $"/case-studies/{study.Slug}",
        study.RedirectTo,
        [.. study.Editions.OrderBy(e => e.Number).Select(e => e.View(actor.CapacitiesFor(study), consent))]);

    public static EditionView View(this Edition e, Capacity capacities, ConsentLedger consent) => new(
        e.Number,
        e.State.ToString(),
        e.Title,
        e.Summary,
        e.BodyMarkdown,
        e.BodyHtml,
        e.Pillars,
        e.OutcomeCodes,
        e.NamesChanged,
        [.. e.QuotedPeople.Select(p => new QuotedPersonView(p.Key, p.ShownAs, p.Role, p.NameChanged, consent.AllowsPublication(p.Key)))],
        e.ChangeNoteKind,
        e.ChangeNote,
        e.AuthorSubject,
        e.CreatedAt,
        e.UpdatedAt,
        e.RejectionNote,
        e.ApprovedBy,
        e.ScheduledFor,
        e.PublishedAt,
        e.ForcePublished,
        e.ForcePublishedBy,
        e.ForcePublishReason,
        e.RetrospectivelyApprovedBy,
        e.WithdrawnAt,
        e.WithdrawalExplanation,
        e.SupersededAt,
        [.. WorkflowTable.AllowedFrom(e.State, e.ForcePublished, capacities).Select(c => c.Name())]);
}
