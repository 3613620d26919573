using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.ReferenceData;
using MassTransit;

namespace ChampionNetwork.InsightHub.Campaigns;

/// <summary>Records that a campaign opened, with each area's eligible headcount and the instrument's item kinds.</summary>
public sealed class CampaignOpenedConsumer(IGrainFactory grains, AreaRegistry areas) : IConsumer<CampaignOpened>
{
    public Task Consume(ConsumeContext<CampaignOpened> context)
    {
        var opened = context.Message;
        var kinds = (opened.Items ?? []).ToDictionary(i => i.ItemId, i => i.Kind, StringComparer.Ordinal);
        return CampaignFactsFanOut.ApplyAsync(grains, areas, opened.EventId, opened.Organisations, context.CancellationToken, headcount =>
            new CampaignFacts(opened.CampaignId, CampaignStatus.Open, opened.Title, opened.InstrumentId, opened.InstrumentVersion, headcount, kinds, opened.OpensAt, opened.ClosesAt));
    }
}

/// <summary>
/// Records that a campaign closed: its figures stop being provisional. Once every area has applied the close, the
/// final figures are published at once (a redelivery publishes nothing twice).
/// </summary>
public sealed class CampaignClosedConsumer(IGrainFactory grains, AreaRegistry areas) : IConsumer<CampaignClosed>
{
    public async Task Consume(ConsumeContext<CampaignClosed> context)
    {
        var closed = context.Message;
        await CampaignFactsFanOut.ApplyAsync(grains, areas, closed.EventId, closed.Organisations, context.CancellationToken, headcount =>
            new CampaignFacts(closed.CampaignId, CampaignStatus.Closed, null, null, null, headcount, new Dictionary<string, string>()));
        await grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Campaign(closed.CampaignId)).PublishClosed(context.CancellationToken);
    }
}

internal static class CampaignFactsFanOut
{
    /// <summary>Sums the headcounts into every area they roll up to (Scotland always hears of the campaign).</summary>
    public static Task ApplyAsync(
        IGrainFactory grains,
        AreaRegistry areas,
        Guid eventId,
        IReadOnlyList<EligibleHeadcount> organisations,
        CancellationToken cancellationToken,
        Func<int?, CampaignFacts> factsFor)
    {
        var headcounts = new Dictionary<AreaCode, int> { [AreaCode.Scotland] = 0 };
        foreach (var organisation in organisations)
        {
            if (!areas.TryResolve(organisation.OrganisationCode, out var area))
            {
                throw new PermanentMessageFailure($"Event {eventId} names an unknown organisation '{organisation.OrganisationCode}'.");
            }

            foreach (var code in areas.RollUpOf(area.Code))
            {
                headcounts[code] = headcounts.GetValueOrDefault(code) + organisation.Headcount;
            }
        }

        var known = organisations.Count > 0;
        return Task.WhenAll(headcounts.Select(h =>
            grains.GetGrain<IAreaInsightGrain>(h.Key.Value).ApplyCampaign(factsFor(known ? h.Value : null), cancellationToken)));
    }
}

public sealed class CampaignOpenedConsumerDefinition : ConsumerDefinition<CampaignOpenedConsumer>
{
    public CampaignOpenedConsumerDefinition() => EndpointName = "insighthub-campaign-opened";
}

public sealed class CampaignClosedConsumerDefinition : ConsumerDefinition<CampaignClosedConsumer>
{
    public CampaignClosedConsumerDefinition() => EndpointName = "insighthub-campaign-closed";
}
