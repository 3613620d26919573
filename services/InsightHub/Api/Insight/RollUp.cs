using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Insight;

/// <summary>The area grains an organisation's facts count in: itself, its board and Scotland.</summary>
public sealed class RollUp(IGrainFactory grains, AreaRegistry areas)
{
    public IReadOnlyList<IAreaInsightGrain> GrainsOf(string organisationCode, Guid eventId)
    {
        if (!areas.TryResolve(organisationCode, out var organisation))
        {
            throw new PermanentMessageFailure($"Event {eventId} names an unknown organisation '{organisationCode}'.");
        }

        return [.. areas.RollUpOf(organisation.Code).Select(code => grains.GetGrain<IAreaInsightGrain>(code.Value))];
    }
}
