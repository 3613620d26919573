namespace ChampionNetwork.Contracts.Surveys;

public sealed record CampaignOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    string Title,
    Guid InstrumentId,
    int InstrumentVersion,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    IReadOnlyList<EligibleHeadcount> Organisations) : IIntegrationEvent;

/// <summary>How many staff of an organisation were invited, so response rates can be shown.</summary>
public sealed record EligibleHeadcount(string OrganisationCode, int Headcount);
