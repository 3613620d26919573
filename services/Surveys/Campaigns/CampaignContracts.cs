namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>Body of <c>POST /api/campaigns</c>.</summary>
public sealed record NewCampaign(
    string? Title,
    Guid? InstrumentId,
    int? InstrumentVersion,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    IReadOnlyList<NewCampaignOrganisation>? Organisations);

public sealed record NewCampaignOrganisation(string? OrganisationCode, int? EligibleHeadcount);

public sealed record CampaignSummary(
    Guid Id,
    string Title,
    Guid InstrumentId,
    int InstrumentVersion,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    CampaignStatus Status,
    int Organisations,
    int EligibleHeadcount);

public sealed record CampaignDetails(
    Guid Id,
    string Title,
    Guid InstrumentId,
    int InstrumentVersion,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    CampaignStatus Status,
    int Responses,
    int EligibleHeadcount,
    IReadOnlyList<OrganisationResponseRate> Organisations);

/// <summary>How many of an organisation's eligible staff have answered; <see cref="ResponseRate"/> is a percentage.</summary>
public sealed record OrganisationResponseRate(string OrganisationCode, string Name, int EligibleHeadcount, int Responses, double ResponseRate);
