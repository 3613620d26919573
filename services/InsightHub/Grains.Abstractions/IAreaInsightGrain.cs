namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// The insight aggregated for one area, keyed by its GSS code (an organisation, a board, or S92000003 Scotland).
/// Figures are stored raw; disclosure control is applied when a feed is built, never here.
/// </summary>
public interface IAreaInsightGrain : IGrainWithStringKey
{
    /// <summary>Adds one response's answers, once: a contribution whose event id was already applied is ignored.</summary>
    /// <returns>True if it was applied now, false if it had been applied before.</returns>
    Task<bool> Apply(InsightContribution contribution, CancellationToken cancellationToken = default);

    Task<AreaInsight> GetInsight(CancellationToken cancellationToken = default);
}
