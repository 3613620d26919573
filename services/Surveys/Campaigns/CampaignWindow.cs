namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>When a campaign accepts responses: from <see cref="OpensAt"/> (inclusive) to <see cref="ClosesAt"/> (exclusive).</summary>
public sealed record CampaignWindow(DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

public enum CampaignStatus
{
    Scheduled,
    Open,
    Closed,
}
