namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The insight aggregated for one area, keyed by its code (an organisation, a board, or S92000003 Scotland), or by
/// <c>{code}/direct</c> for a board's or Scotland's own staff. Figures are stored raw; disclosure control is applied
/// when a feed is built, never here. Responses and activity enter at the organisation's grain, which deduplicates
/// them and returns only once the state that holds them is written, so a caller that acknowledges a message
/// afterwards loses nothing. Each grain then sends what it gained to its parent in numbered batches, applied once
/// each: a board's and Scotland's figures follow within a few flush intervals.
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

    /// <summary>
    /// Applies batch <see cref="AreaBatch.Number"/> of the child grain <paramref name="childKey"/>, once: returns once
    /// the batch and this grain's watermark for the child are written together. A batch already applied is
    /// acknowledged and ignored.
    /// </summary>
    Task ApplyBatch(string childKey, AreaBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Writes what is waiting and sends every pending batch to the parent, waiting for its acknowledgement.</summary>
    /// <returns>True if anything was written or sent.</returns>
    Task<bool> Settle(CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a campaign's figures and applied event ids (not its status or headcount), before a replay, moving it
    /// to a new reset generation chosen here (one more than this grain's). Called on Scotland first.
    /// </summary>
    /// <returns>The new generation, to pass to every other grain's <see cref="ResetCampaign(Guid, long, CancellationToken)"/>.</returns>
    Task<long> BeginReset(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a campaign's figures and applied event ids, moving it to <paramref name="generation"/>; nothing happens
    /// if it is there already. Deltas of an older generation arriving later are dropped.
    /// </summary>
    Task ResetCampaign(Guid campaignId, long generation, CancellationToken cancellationToken = default);

    /// <summary>The campaigns this area has figures or facts for.</summary>
    Task<IReadOnlyList<Guid>> GetCampaigns(CancellationToken cancellationToken = default);

    /// <summary>The raw figures for one campaign; null if the area has none.</summary>
    Task<CampaignInsight?> GetCampaignInsight(Guid campaignId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActivityInsight>> GetActivity(CancellationToken cancellationToken = default);
}
