namespace ChampionNetwork.InsightHub.Grains.Tallies;

/// <summary>Folding deltas into figures and into other deltas. Never aliases the source's objects.</summary>
internal static class AreaDeltaExtensions
{
    public static void Add(this AreaDelta delta, InsightContribution contribution, long generation)
    {
        var campaign = delta.CampaignOf(contribution.CampaignId, generation);
        campaign.InstrumentId = contribution.InstrumentId;
        campaign.InstrumentVersion = contribution.InstrumentVersion;
        campaign.Responses++;
        foreach (var answer in contribution.Answers)
        {
            campaign.Items.ItemOf(answer.ItemId, answer.Pillar, answer.OutcomeCodes).Add(answer.Value, 1);
        }
    }

    public static void Add(this AreaDelta delta, Guid campaignId, CampaignDelta source)
    {
        var campaign = delta.CampaignOf(campaignId, source.Generation);
        campaign.Add(source);
    }

    public static void AddCounts(this Dictionary<string, QuarterCounts> counts, string quarter, QuarterCounts source)
    {
        if (!counts.TryGetValue(quarter, out var target))
        {
            target = new QuarterCounts();
            counts[quarter] = target;
        }

        target.PracticesShared += source.PracticesShared;
        target.PracticesAdopted += source.PracticesAdopted;
        target.CaseStudiesPublished += source.CaseStudiesPublished;
        target.CaseStudiesWithdrawn += source.CaseStudiesWithdrawn;
        target.ChangedAt = source.ChangedAt > target.ChangedAt ? source.ChangedAt : target.ChangedAt;
    }

    public static QuarterCounts CountOf(ActivityKind kind, DateTimeOffset occurredAt) => new()
    {
        PracticesShared = kind == ActivityKind.PracticeShared ? 1 : 0,
        PracticesAdopted = kind == ActivityKind.PracticeAdopted ? 1 : 0,
        CaseStudiesPublished = kind == ActivityKind.CaseStudyPublished ? 1 : 0,
        CaseStudiesWithdrawn = kind == ActivityKind.CaseStudyWithdrawn ? 1 : 0,
        ChangedAt = occurredAt,
    };

    /// <summary>Adds a child's campaign delta to this area's figures.</summary>
    public static void Add(this CampaignTally campaign, CampaignDelta source, DateTimeOffset now)
    {
        if (source.Responses > 0)
        {
            campaign.InstrumentId = source.InstrumentId;
            campaign.InstrumentVersion = source.InstrumentVersion;
        }

        campaign.Responses += source.Responses;
        foreach (var (itemId, item) in source.Items)
        {
            campaign.Items.ItemOf(itemId, item.Pillar, item.OutcomeCodes).Add(item);
        }

        campaign.ChangedAt = now;
    }

    private static void Add(this CampaignDelta campaign, CampaignDelta source)
    {
        if (source.Responses > 0)
        {
            campaign.InstrumentId = source.InstrumentId;
            campaign.InstrumentVersion = source.InstrumentVersion;
        }

        campaign.Responses += source.Responses;
        foreach (var (itemId, item) in source.Items)
        {
            campaign.Items.ItemOf(itemId, item.Pillar, item.OutcomeCodes).Add(item);
        }
    }

    private static CampaignDelta CampaignOf(this AreaDelta delta, Guid campaignId, long generation)
    {
        if (!delta.Campaigns.TryGetValue(campaignId, out var campaign) || campaign.Generation != generation)
        {
            // A delta of an older generation is worthless once the campaign is reset: replaced, not merged.
            campaign = new CampaignDelta { Generation = generation };
            delta.Campaigns[campaignId] = campaign;
        }

        return campaign;
    }

    private static ItemTally ItemOf(this Dictionary<string, ItemTally> items, string itemId, string pillar, IReadOnlyList<string> outcomeCodes)
    {
        if (!items.TryGetValue(itemId, out var item))
        {
            item = new ItemTally { Pillar = pillar, OutcomeCodes = [.. outcomeCodes] };
            items[itemId] = item;
        }

        return item;
    }

    private static void Add(this ItemTally item, int value, int count)
    {
        item.Count += count;
        item.Sum += (long)value * count;
        item.Distribution[value] = item.Distribution.GetValueOrDefault(value) + count;
    }

    private static void Add(this ItemTally item, ItemTally source)
    {
        item.Count += source.Count;
        item.Sum += source.Sum;
        foreach (var (value, count) in source.Distribution)
        {
            item.Distribution[value] = item.Distribution.GetValueOrDefault(value) + count;
        }
    }
}
