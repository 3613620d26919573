using MassTransit;

namespace ChampionNetwork.InsightHub.Insight;

public sealed class InsightSubmittedConsumerDefinition : ConsumerDefinition<InsightSubmittedConsumer>
{
    public InsightSubmittedConsumerDefinition()
    {
        EndpointName = "insighthub-insight-submitted";
    }
}
