namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The insight aggregated for one area, keyed by its code (an organisation, a board, or S92000003 Scotland).
/// Figures are stored raw; disclosure control is applied when a feed is built, never here. Every change returns
/// only once the state that holds it is written, so a caller that acknowledges a message afterwards loses nothing.
/// </summary>
public interface IAreaInsightGrain : IGrainWithStringKey
{
    /// <summary>Adds one response's answers, once: a contribution whose event id was already applied is ignored.</summary>
    /// <returns>True if it was applied now, false if it had been applied before.</returns>
    Task<bool> Apply(InsightContribution contribution, CancellationToken cancellationToken = default);

    /// <summary>Records a campaign's status, title, eligible headcount and item kinds.</summary>
    Task ApplyCampaign(CampaignFacts facts, CancellationToken cancellationToken = default);

    /// <summary>Counts a good practice or case study fact, once per subject.</summary>
    Task<bool> ApplyActivity(ActivityContribution activity, CancellationToken cancellationToken = default);

    /// <summary>Forgets a campaign's figures and applied event ids (not its status or headcount), before a replay.</summary>
    Task ResetCampaign(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>The campaigns this area has figures or facts for.</summary>
    Task<IReadOnlyList<Guid>> GetCampaigns(CancellationToken cancellationToken = default);

    /// <summary>The raw figures for one campaign; null if the area has none.</summary>
    Task<CampaignInsight?> GetCampaignInsight(Guid campaignId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActivityInsight>> GetActivity(CancellationToken cancellationToken = default);
}
