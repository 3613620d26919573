namespace ChampionNetwork.Surveys.Replay;

/// <summary>A replay request already answered, so a redelivered request republishes nothing.</summary>
public sealed class ProcessedReplay
{
    public Guid ReplayEventId { get; init; }

    public Guid CampaignId { get; init; }

    public int Responses { get; init; }
}
