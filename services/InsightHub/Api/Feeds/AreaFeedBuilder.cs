using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>Reads an area's raw figures and its children's from their grains and applies the disclosure policy.</summary>
public sealed class AreaFeedBuilder(IGrainFactory grains, AreaRegistry areas, DisclosurePolicy policy, TimeProvider clock)
{
    public async Task<AreaFeed> BuildAsync(Area area, Guid? campaignFilter, CancellationToken cancellationToken)
    {
        var children = areas.ChildrenOf(area.Code);
        var own = await InsightOf(area.Code, cancellationToken);
        var childInsights = await Task.WhenAll(children.Select(child => InsightOf(child.Code, cancellationToken)));

        var campaigns = own.Campaigns
            .Where(c => campaignFilter is null || c.CampaignId == campaignFilter)
            .OrderBy(c => c.CampaignId)
            .Select(campaign => Figures(area, campaign, children, childInsights))
            .ToList();

        return new AreaFeed(Summary(area), policy.Name, clock.GetUtcNow(), campaigns);
    }

    private Task<AreaInsight> InsightOf(AreaCode code, CancellationToken cancellationToken) =>
        grains.GetGrain<IAreaInsightGrain>(code.Value).GetInsight(cancellationToken);

    private CampaignFigures Figures(Area area, CampaignInsight campaign, IReadOnlyList<Area> children, AreaInsight[] childInsights)
    {
        var national = area.Code == AreaCode.Scotland;
        var ownCount = policy.Count(campaign.Responses, national);

        var childCampaigns = childInsights
            .Select(insight => insight.Campaigns.FirstOrDefault(c => c.CampaignId == campaign.CampaignId))
            .ToList();
        var childCounts = childCampaigns.Select(c => c?.Responses ?? 0).ToList();
        // Children are siblings under a shown total; if the total itself is hidden nothing can be differenced.
        var hidden = ownCount.IsSuppressed ? new HashSet<int>(Enumerable.Range(0, childCounts.Count).Where(i => policy.SuppressesCount(childCounts[i])))
            : policy.CellsToSuppress(childCounts);

        var childFigures = children.Select((child, i) => hidden.Contains(i)
                ? new ChildFigures(Summary(child), DisclosedValue.Suppressed, [])
                : new ChildFigures(Summary(child), policy.Count(childCounts[i], national: false), Items(childCampaigns[i]?.Items ?? [])))
            .ToList();

        return new CampaignFigures(
            campaign.CampaignId,
            campaign.InstrumentId,
            campaign.InstrumentVersion,
            ownCount,
            ownCount.IsSuppressed ? campaign.Items.Select(Suppressed).ToList() : Items(campaign.Items),
            childFigures);
    }

    private List<ItemFigures> Items(IReadOnlyList<ItemInsight> items) =>
        items.Select(i => new ItemFigures(i.ItemId, i.Pillar, i.OutcomeCodes, policy.Statistic(i.Mean, i.Count))).ToList();

    private static ItemFigures Suppressed(ItemInsight item) => new(item.ItemId, item.Pillar, item.OutcomeCodes, DisclosedValue.Suppressed);

    private static AreaSummary Summary(Area area) => new(area.Code.Value, area.Name, area.Type.ToString());
}
