namespace ChampionNetwork.Contracts.Surveys;

public sealed record CampaignClosed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    DateTimeOffset ClosedAt,
    IReadOnlyList<EligibleHeadcount> Organisations) : IIntegrationEvent;
