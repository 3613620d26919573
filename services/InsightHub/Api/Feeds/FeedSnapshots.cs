using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Caching.Memory;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// The disclosed figures behind every feed. Raw snapshots live in <see cref="IFeedSnapshotGrain"/>s (one per
/// campaign, rebuilt when an area grain reports a change); this process keeps the disclosed form of each snapshot
/// by content hash, so a request costs one small grain call while nothing changes.
/// </summary>
public sealed class FeedSnapshots(IGrainFactory grains, CampaignDisclosure disclosure, IMemoryCache cache)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<DisclosedCampaign>> CampaignsAsync(Guid? only, CancellationToken cancellationToken)
    {
        var ids = only is { } id ? [id] : await grains.GetGrain<IAreaInsightGrain>(AreaCode.Scotland.Value).GetCampaigns(cancellationToken);
        var campaigns = await Task.WhenAll(ids.Select(c => CampaignAsync(c, cancellationToken)));
        // A campaign no area has heard of (a mistyped id, say) has no figures at all, not a row of zeros.
        return [.. campaigns.Where(c => c.InstrumentId != Guid.Empty || c.Title is not null)];
    }

    public async Task<DisclosedCampaign> CampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Campaign(campaignId));
        var version = await grain.GetVersion(cancellationToken);
        if (cache.TryGetValue(("campaign", campaignId, version.ContentHash), out DisclosedCampaign? disclosed) && disclosed is not null)
        {
            return disclosed;
        }

        var snapshot = await grain.GetSnapshot(cancellationToken);
        disclosed = disclosure.Apply(campaignId, snapshot);
        return cache.Set(("campaign", campaignId, snapshot.Version.ContentHash), disclosed, KeepFor);
    }

    public Task<FeedSnapshot> ActivityAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Activity).GetSnapshot(cancellationToken);
}
