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

    /// <summary>Set, with <c>CampaignOpened</c> in the outbox, by the scheduler when the window opens.</summary>
    public bool OpeningAnnounced { get; set; }

    /// <summary>Set, with <c>CampaignClosed</c> in the outbox, by the scheduler when the window closes.</summary>
    public bool ClosingAnnounced { get; set; }

    /// <summary>
    /// A campaign accepts responses only once its opening has been announced, so that every <c>InsightSubmitted</c>
    /// follows its <c>CampaignOpened</c>; and not after it closes.
    /// </summary>
    public CampaignStatus StatusAt(DateTimeOffset now) =>
        !OpeningAnnounced ? CampaignStatus.Scheduled
        : ClosingAnnounced || now >= Window.ClosesAt ? CampaignStatus.Closed
        : CampaignStatus.Open;

    public bool Includes(string organisationCode) =>
        Organisations.Any(o => string.Equals(o.OrganisationCode, organisationCode, StringComparison.Ordinal));
}

public sealed record CampaignOrganisation(string OrganisationCode, int EligibleHeadcount);
