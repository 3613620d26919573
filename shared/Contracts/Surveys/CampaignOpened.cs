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
    IReadOnlyList<EligibleHeadcount> Organisations,
    IReadOnlyList<CampaignItem>? Items = null) : IIntegrationEvent;

/// <summary>How many staff of an organisation were invited, so response rates can be shown.</summary>
public sealed record EligibleHeadcount(string OrganisationCode, int Headcount);

/// <summary>
/// One item of the campaign's instrument version and its kind (<c>Likert</c>, <c>Scale</c>, <c>SingleChoice</c>,
/// <c>FreeText</c>), so that InsightHub knows where a share agreeing (4 or 5 on a Likert item) means something.
/// </summary>
public sealed record CampaignItem(string ItemId, string Kind);
