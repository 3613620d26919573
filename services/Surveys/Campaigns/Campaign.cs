namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>One instrument version run for a set of organisations between an opening and a closing time.</summary>
public sealed class Campaign
{
    public Guid Id { get; init; }

    public required string Title { get; init; }

    public Guid InstrumentId { get; init; }

    public int InstrumentVersion { get; init; }

    public required CampaignWindow Window { get; init; }

    /// <summary>Each invited organisation with its eligible headcount, so response rates can be shown.</summary>
    public required IReadOnlyList<CampaignOrganisation> Organisations { get; init; }

    public bool Includes(string organisationCode) =>
        Organisations.Any(o => string.Equals(o.OrganisationCode, organisationCode, StringComparison.Ordinal));
}

public sealed record CampaignOrganisation(string OrganisationCode, int EligibleHeadcount);
