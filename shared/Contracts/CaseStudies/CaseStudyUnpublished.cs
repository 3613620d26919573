namespace ChampionNetwork.Contracts.CaseStudies;

/// <summary>A case study's page is gone; readers of its slug are sent to <see cref="RedirectTo"/>.</summary>
public sealed record CaseStudyUnpublished(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseStudyId,
    int Edition,
    string OrganisationCode,
    string RedirectTo) : IIntegrationEvent;
