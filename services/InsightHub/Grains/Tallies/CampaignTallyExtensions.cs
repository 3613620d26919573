namespace ChampionNetwork.InsightHub.Grains.Tallies;

/// <summary>How a campaign's tally changes. Each method says whether anything changed.</summary>
internal static class CampaignTallyExtensions
{
    public static bool Apply(this CampaignTally campaign, InsightContribution contribution, DateTimeOffset now)
    {
        if (!campaign.AppliedEventIds.Add(contribution.EventId))
        {
            return false;
        }

        campaign.InstrumentId = contribution.InstrumentId;
        campaign.InstrumentVersion = contribution.InstrumentVersion;
        campaign.Responses++;
        foreach (var answer in contribution.Answers)
        {
            if (!campaign.Items.TryGetValue(answer.ItemId, out var item))
            {
                item = new ItemTally { Pillar = answer.Pillar, OutcomeCodes = [.. answer.OutcomeCodes] };
                campaign.Items[answer.ItemId] = item;
            }

            item.Count++;
            item.Sum += answer.Value;
            item.Distribution[answer.Value] = item.Distribution.GetValueOrDefault(answer.Value) + 1;
        }

        campaign.ChangedAt = now;
        return true;
    }

    public static bool Apply(this CampaignTally campaign, CampaignFacts facts, DateTimeOffset now)
    {
        // Status only moves forward: a late CampaignOpened never reopens a closed campaign.
        var status = campaign.Status == CampaignStatus.Closed ? CampaignStatus.Closed : facts.Status;
        var changed = status != campaign.Status
            || (facts.Title is not null && facts.Title != campaign.Title)
            || (facts.EligibleHeadcount is not null && facts.EligibleHeadcount != campaign.EligibleHeadcount)
            || (facts.InstrumentId is { } id && id != campaign.InstrumentId)
            || facts.ItemKinds.Any(k => !campaign.ItemKinds.TryGetValue(k.Key, out var kind) || kind != k.Value)
            || (facts.OpensAt is not null && facts.OpensAt != campaign.OpensAt)
            || (facts.ClosesAt is not null && facts.ClosesAt != campaign.ClosesAt);
        if (!changed)
        {
            return false;
        }

        campaign.Status = status;
        campaign.Title = facts.Title ?? campaign.Title;
        campaign.EligibleHeadcount = facts.EligibleHeadcount ?? campaign.EligibleHeadcount;
        campaign.OpensAt = facts.OpensAt ?? campaign.OpensAt;
        campaign.ClosesAt = facts.ClosesAt ?? campaign.ClosesAt;
        if (facts.InstrumentId is { } instrument)
        {
            campaign.InstrumentId = instrument;
            campaign.InstrumentVersion = facts.InstrumentVersion ?? campaign.InstrumentVersion;
        }

        foreach (var (item, kind) in facts.ItemKinds)
        {
            campaign.ItemKinds[item] = kind;
        }

        campaign.ChangedAt = now;
        return true;
    }

    public static bool Reset(this CampaignTally campaign, DateTimeOffset now)
    {
        if (campaign.Responses == 0 && campaign.AppliedEventIds.Count == 0 && campaign.SealedIdChunks == 0)
        {
            return false;
        }

        campaign.Responses = 0;
        campaign.Items.Clear();
        campaign.AppliedEventIds.Clear();
        campaign.SealedIdChunks = 0;
        campaign.ChangedAt = now;
        return true;
    }

    public static CampaignInsight ToInsight(this CampaignTally campaign, string areaCode, Guid campaignId) => new(
        areaCode,
        campaignId,
        campaign.InstrumentId,
        campaign.InstrumentVersion,
        campaign.Responses,
        campaign.Items
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new ItemInsight(i.Key, i.Value.Pillar, [.. i.Value.OutcomeCodes], i.Value.Count, i.Value.Sum, new SortedDictionary<int, int>(i.Value.Distribution)))
            .ToList(),
        campaign.EligibleHeadcount,
        campaign.Status,
        campaign.Title,
        new SortedDictionary<string, string>(campaign.ItemKinds, StringComparer.Ordinal),
        campaign.ChangedAt,
        campaign.OpensAt,
        campaign.ClosesAt);
}
