using MassTransit;

namespace ChampionNetwork.Surveys.Replay;

public sealed class CampaignReplayRequestedConsumerDefinition : ConsumerDefinition<CampaignReplayRequestedConsumer>
{
    public CampaignReplayRequestedConsumerDefinition()
    {
        EndpointName = "surveys-campaign-replay-requested";
        // A replay re-reads a whole campaign: one at a time is plenty.
        ConcurrentMessageLimit = 1;
    }
}
