using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Surveys.Instruments;

namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>The events that tell other services a campaign has opened or closed.</summary>
internal static class CampaignAnnouncements
{
    /// <summary>With the eligible headcounts (for response rates) and each item's kind (for the share agreeing).</summary>
    public static CampaignOpened Opened(Campaign campaign, InstrumentVersion instrument, DateTimeOffset now) => new(
        Guid.NewGuid(), now, campaign.Id, campaign.Title, campaign.InstrumentId, campaign.InstrumentVersion,
        campaign.Window.OpensAt, campaign.Window.ClosesAt, Headcounts(campaign),
        instrument.Items.Select(i => new CampaignItem(i.Id, i.Kind.ToString())).ToList());

    public static CampaignClosed Closed(Campaign campaign, DateTimeOffset now) => new(Guid.NewGuid(), now, campaign.Id, now, Headcounts(campaign));

    private static List<EligibleHeadcount> Headcounts(Campaign campaign) =>
        campaign.Organisations.Select(o => new EligibleHeadcount(o.OrganisationCode, o.EligibleHeadcount)).ToList();
}
