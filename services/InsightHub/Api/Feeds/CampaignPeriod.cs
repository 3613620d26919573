using System.Globalization;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// The period a campaign's figures refer to, as statistics.gov.scot writes a <c>ref_period</c>: its window as an
/// ISO 8601 interval of UTC dates (<c>2026-11-02/2026-11-29</c>). Empty until <c>CampaignOpened</c> has arrived.
/// </summary>
public static class CampaignPeriod
{
    public static string Of(FeedSnapshot snapshot)
    {
        var reference = snapshot.Campaign.FirstOrDefault(c => c.AreaCode == AreaCode.Scotland.Value && c.OpensAt is not null)
            ?? snapshot.Campaign.FirstOrDefault(c => c.OpensAt is not null);
        return reference is { OpensAt: { } opens, ClosesAt: { } closes } ? $"{Day(opens)}/{Day(closes)}" : "";
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
