using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using MassTransit;

namespace ChampionNetwork.InsightHub.Insight;

/// <summary>
/// Counts a response in its organisation's grain. The message is acknowledged only after that grain has returned,
/// which is after the state holding the response is written; the grain ignores an event id it has applied, so a
/// redelivery counts nothing twice. The board and Scotland count it from the organisation's numbered batches.
/// </summary>
public sealed class InsightSubmittedConsumer(RollUp rollUp) : IConsumer<InsightSubmitted>
{
    public async Task Consume(ConsumeContext<InsightSubmitted> context)
    {
        var insight = context.Message;
        var contribution = new InsightContribution(
            insight.EventId,
            insight.CampaignId,
            insight.InstrumentId,
            insight.InstrumentVersion,
            [.. insight.Answers
                .Where(a => a.Value is not null)
                .Select(a => new ScoredAnswer(a.ItemId, a.Pillar, a.OutcomeCodes, a.Value!.Value))]);

        await rollUp.EntryOf(insight.OrganisationCode, insight.EventId).Apply(contribution, context.CancellationToken);
    }
}
