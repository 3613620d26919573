namespace ChampionNetwork.Contracts.CaseStudies;

/// <summary>A withdrawn case study stays visible with a banner; <see cref="PublicExplanation"/> is required.</summary>
public sealed record CaseStudyWithdrawn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseStudyId,
    string OrganisationCode,
    string PublicExplanation) : IIntegrationEvent;
