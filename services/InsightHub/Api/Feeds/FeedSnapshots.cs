using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Caching.Memory;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// The disclosed figures behind every feed, from the published snapshots in <see cref="IFeedSnapshotGrain"/>s (one
/// per campaign, published on the schedule and at close). This process keeps the disclosed form of each
/// publication, so a request costs one small grain call while nothing is published. A campaign with no publication
/// yet has no figures in any feed.
/// </summary>
public sealed class FeedSnapshots(IGrainFactory grains, CampaignDisclosure disclosure, IMemoryCache cache)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<PublishedCampaign>> CampaignsAsync(Guid? only, CancellationToken cancellationToken)
    {
        var ids = only is { } id ? [id] : await grains.GetGrain<IAreaInsightGrain>(AreaCode.Scotland.Value).GetCampaigns(cancellationToken);
        var campaigns = await Task.WhenAll(ids.Select(c => CampaignAsync(c, cancellationToken)));
        // A campaign no area has heard of (a mistyped id, say) has no figures at all, not a row of zeros.
        return [.. campaigns.OfType<PublishedCampaign>().Where(c => c.Figures.InstrumentId != Guid.Empty || c.Figures.Title is not null)];
    }

    /// <summary>The campaign's published, disclosed figures; null before its first publication.</summary>
    public async Task<PublishedCampaign?> CampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Campaign(campaignId));
        var version = await grain.GetVersion(cancellationToken);
        if (!version.IsPublished)
        {
            return null;
        }

        if (cache.TryGetValue(("campaign", campaignId, version), out PublishedCampaign? published) && published is not null)
        {
            return published;
        }

        var snapshot = await grain.GetSnapshot(cancellationToken);
        if (!snapshot.Version.IsPublished)
        {
            return null;
        }

        published = new PublishedCampaign(disclosure.Apply(campaignId, snapshot), CampaignPeriod.Of(snapshot));
        return cache.Set(("campaign", campaignId, snapshot.Version), published, KeepFor);
    }

    public Task<FeedSnapshot> ActivityAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Activity).GetSnapshot(cancellationToken);
}

/// <summary>One publication of a campaign: its disclosed figures and the period they refer to.</summary>
public sealed record PublishedCampaign(DisclosedCampaign Figures, string Period)
{
    public Guid CampaignId => Figures.CampaignId;

    public DateTimeOffset PublishedAt => Figures.Version.ComputedAt;
}
