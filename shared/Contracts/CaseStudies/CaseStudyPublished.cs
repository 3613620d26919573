namespace ChampionNetwork.Contracts.CaseStudies;

public sealed record CaseStudyPublished(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseStudyId,
    int Edition,
    string Title,
    string Slug,
    string OrganisationCode,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes,
    ChangeNoteKind ChangeNoteKind,
    string? ChangeNote) : IIntegrationEvent;

public enum ChangeNoteKind
{
    Major,
    Minor,
}
