using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;
using MassTransit;

namespace ChampionNetwork.InsightHub.Insight;

/// <summary>
/// Counts a response in its organisation, its board and Scotland. The message is acknowledged only after every
/// area grain has returned, which is after its state is written; each grain ignores an event id it has seen,
/// so a redelivery counts nothing twice.
/// </summary>
public sealed class InsightSubmittedConsumer(IGrainFactory grains, AreaRegistry areas) : IConsumer<InsightSubmitted>
{
    public async Task Consume(ConsumeContext<InsightSubmitted> context)
    {
        var insight = context.Message;
        if (!areas.TryResolve(insight.OrganisationCode, out var organisation))
        {
            throw new PermanentMessageFailure($"InsightSubmitted {insight.EventId} names an unknown organisation '{insight.OrganisationCode}'.");
        }

        var contribution = new InsightContribution(
            insight.EventId,
            insight.CampaignId,
            insight.InstrumentId,
            insight.InstrumentVersion,
            insight.Answers
                .Where(a => a.Value is not null)
                .Select(a => new ScoredAnswer(a.ItemId, a.Pillar, a.OutcomeCodes, a.Value!.Value))
                .ToList());

        await Task.WhenAll(areas.RollUpOf(organisation.Code)
            .Select(area => grains.GetGrain<IAreaInsightGrain>(area.Value).Apply(contribution, context.CancellationToken)));
    }
}
