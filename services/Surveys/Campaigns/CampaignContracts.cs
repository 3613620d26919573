using ChampionNetwork.Disclosure;

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

/// <summary>
/// A campaign as anyone but an admin sees it: the total disclosed under <see cref="DisclosurePolicy"/> (as the feeds
/// publish Scotland's), a whole-number response rate, and the invited organisations without their counts, which the
/// feeds publish with disclosure control across the whole hierarchy.
/// </summary>
public sealed record DisclosedCampaignDetails(
    Guid Id,
    string Title,
    Guid InstrumentId,
    int InstrumentVersion,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    CampaignStatus Status,
    DisclosedValue Responses,
    DisclosedValue ResponseRate,
    int EligibleHeadcount,
    string DisclosurePolicy,
    IReadOnlyList<InvitedOrganisation> Organisations);

public sealed record InvitedOrganisation(string OrganisationCode, string Name, int EligibleHeadcount);
