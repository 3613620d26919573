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
    /// <remarks>
    /// Disclosure control runs once per published content (the derivability check can take a few hundred
    /// milliseconds on the whole registry), not once per publication time nor once per concurrent reader: a
    /// publication that changes nothing reuses the figures with its own time.
    /// </remarks>
    public async Task<PublishedCampaign?> CampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IFeedSnapshotGrain>(FeedSnapshotKeys.Campaign(campaignId));
        var version = await grain.GetVersion(cancellationToken);
        if (!version.IsPublished)
        {
            return null;
        }

        var key = ("disclosed", campaignId, version.ContentHash);
        var disclosed = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = KeepFor;
            return new Lazy<Task<PublishedCampaign?>>(() => DiscloseAsync(grain, campaignId, version.ContentHash));
        })!;

        PublishedCampaign? published;
        try
        {
            published = await disclosed.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            cache.Remove(key); // the next reader tries again
            throw;
        }

        // The same content published again: the figures, with this publication's time.
        return published is null || published.Figures.Version.ContentHash != version.ContentHash
            ? published
            : published with { Figures = published.Figures with { Version = version } };
    }

    private async Task<PublishedCampaign?> DiscloseAsync(IFeedSnapshotGrain grain, Guid campaignId, string contentHash)
    {
        // Not the reader's token: other readers share this work.
        var snapshot = await grain.GetSnapshot(CancellationToken.None);
        if (!snapshot.Version.IsPublished || snapshot.Version.ContentHash != contentHash)
        {
            // Published again since the version was read: disclose what is current, and keep it under its own hash.
            cache.Remove(("disclosed", campaignId, contentHash));
            return snapshot.Version.IsPublished ? new PublishedCampaign(disclosure.Apply(campaignId, snapshot), CampaignPeriod.Of(snapshot)) : null;
        }

        return new PublishedCampaign(disclosure.Apply(campaignId, snapshot), CampaignPeriod.Of(snapshot));
    }

    /// <summary>
    /// The disclosed figures of a publication already in hand (the feed snapshot grain's own, as it publishes): the
    /// same disclosure of the same content the feeds serve. Computed here rather than through the readers' cache
    /// entry, whose work calls back into the grain that is waiting for this; left in the cache for the readers.
    /// </summary>
    public PublishedCampaign? Disclose(Guid campaignId, FeedSnapshot snapshot)
    {
        if (!snapshot.Version.IsPublished)
        {
            return null;
        }

        var key = ("disclosed", campaignId, snapshot.Version.ContentHash);
        if (cache.TryGetValue(key, out Lazy<Task<PublishedCampaign?>>? known) && known is { IsValueCreated: true, Value.IsCompletedSuccessfully: true } && known.Value.Result is { } done)
        {
            // Disclosed already for this content: the same figures, with this publication's time.
            return done with { Figures = done.Figures with { Version = snapshot.Version } };
        }

        var published = new PublishedCampaign(disclosure.Apply(campaignId, snapshot), CampaignPeriod.Of(snapshot));
        if (known is null)
        {
            cache.Set(key, new Lazy<Task<PublishedCampaign?>>(Task.FromResult<PublishedCampaign?>(published)), new MemoryCacheEntryOptions { SlidingExpiration = KeepFor });
        }

        return published;
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
