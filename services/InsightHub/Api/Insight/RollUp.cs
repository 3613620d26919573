using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Insight;

/// <summary>
/// The grain an organisation's facts enter at (see <see cref="InsightTree"/>): the organisation's own, or the direct
/// grain of a board counting its own staff. Boards and Scotland hear of them from there, in batches.
/// </summary>
public sealed class RollUp(IGrainFactory grains, AreaRegistry areas)
{
    public IAreaInsightGrain EntryOf(string organisationCode, Guid eventId)
    {
        if (!areas.TryResolve(organisationCode, out var organisation))
        {
            throw new PermanentMessageFailure($"Event {eventId} names an unknown organisation '{organisationCode}'.");
        }

        return grains.GetGrain<IAreaInsightGrain>(InsightTree.EntryKeyOf(areas, organisation));
    }
}
