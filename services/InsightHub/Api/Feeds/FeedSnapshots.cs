using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using Microsoft.Extensions.Caching.Memory;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// The disclosed figures behind every feed, from the published snapshots in <see cref="IFeedSnapshotGrain"/>s (one
/// per campaign, published on the schedule and at close). A request reads only the versions
/// (<see cref="VersionsAsync"/>), from this process's copy (<see cref="PublishedVersions"/>); this process also keeps
/// the disclosed form of each published content and the activity snapshot of each, so no grain call is made while
/// nothing is published. A campaign with no publication yet has no figures in any feed.
/// </summary>
public sealed class FeedSnapshots(IGrainFactory grains, PublishedVersions published, CampaignDisclosure disclosure, IMemoryCache cache)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    /// <summary>The current publication of each campaign (one, or every campaign Scotland has heard of) and, if asked, of activity.</summary>
    public async Task<FeedVersions> VersionsAsync(Guid? only, bool activity, CancellationToken cancellationToken)
    {
        var activityVersion = activity ? published.VersionAsync(FeedSnapshotKeys.Activity, cancellationToken) : default;
        var ids = only is { } id ? [id] : await published.CampaignsAsync(cancellationToken);
        var reads = ids.Select(c => published.VersionAsync(FeedSnapshotKeys.Campaign(c), cancellationToken)).ToList();
        // Between publications every version is this process's copy, and nothing here waits.
        var versions = reads.TrueForAll(r => r.IsCompletedSuccessfully)
            ? reads.Select(r => r.Result).ToArray()
            : await Task.WhenAll(reads.Select(r => r.AsTask()));
        return new FeedVersions(
            [.. ids.Zip(versions).Where(v => v.Second.IsPublished).OrderBy(v => v.First)],
            activity ? await activityVersion : null);
    }

    /// <summary>The published, disclosed figures of the campaigns in <paramref name="versions"/>, in campaign order.</summary>
    public async Task<IReadOnlyList<PublishedCampaign>> CampaignsAsync(FeedVersions versions)
    {
        var campaigns = await Task.WhenAll(versions.Campaigns.Select(c => CampaignAsync(c.Id, c.Version)));
        // A campaign no area has heard of (a mistyped id, say) has no figures at all, not a row of zeros.
        return [.. campaigns.OfType<PublishedCampaign>().Where(c => c.Figures.InstrumentId != Guid.Empty || c.Figures.Title is not null)];
    }

    /// <summary>The campaign's disclosed figures of one publication; null if it is not published.</summary>
    /// <remarks>
    /// Disclosure control runs once per published content (the derivability check can take a few hundred
    /// milliseconds on the whole registry), not once per publication time nor once per concurrent reader: a
    /// publication that changes nothing reuses the figures with its own time.
    /// </remarks>
    private async Task<PublishedCampaign?> CampaignAsync(Guid campaignId, FeedVersion version)
    {
        if (!version.IsPublished)
        {
            return null;
        }

        var grain = Grain(FeedSnapshotKeys.Campaign(campaignId));
        var key = ("disclosed", campaignId, version.ContentHash);
        var disclosed = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = KeepFor;
            return new Lazy<Task<PublishedCampaign?>>(() => DiscloseAsync(grain, campaignId, version.ContentHash));
        })!;

        PublishedCampaign? published;
        try
        {
            published = await disclosed.Value;
        }
        catch (Exception)
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

    /// <summary>The activity snapshot of one publication (or, published again since, the newer one), kept per content.</summary>
    public async Task<FeedSnapshot> ActivityAsync(FeedVersion version)
    {
        var key = ("activity", version.ContentHash);
        var snapshot = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = KeepFor;
            // Not a reader's token: other readers share this work.
            return new Lazy<Task<FeedSnapshot>>(() => Grain(FeedSnapshotKeys.Activity).GetSnapshot(CancellationToken.None));
        })!;

        FeedSnapshot activity;
        try
        {
            activity = await snapshot.Value;
        }
        catch (Exception)
        {
            cache.Remove(key);
            throw;
        }

        if (activity.Version.ContentHash != version.ContentHash)
        {
            cache.Remove(key); // published again since the version was read: not this content's snapshot
            return activity;
        }

        return activity with { Version = version };
    }

    private IFeedSnapshotGrain Grain(string key) => grains.GetGrain<IFeedSnapshotGrain>(key);
}

/// <summary>The publications a feed is rendered from: its campaigns' (published ones only, in campaign order) and activity's.</summary>
public sealed record FeedVersions(IReadOnlyList<(Guid Id, FeedVersion Version)> Campaigns, FeedVersion? Activity)
{
    /// <summary>Which publications a body is rendered from: its cache key, never part of what is served.</summary>
    public string Key { get; } = FeedResponses.KeyOf([
        Activity is null ? "" : $"activity:{Activity.ContentHash}:{Activity.ComputedAt.UtcTicks}",
        .. Campaigns.Select(c => $"{c.Id:N}:{c.Version.ContentHash}:{c.Version.ComputedAt.UtcTicks}")]);
}

/// <summary>One publication of a campaign: its disclosed figures and the period they refer to.</summary>
public sealed record PublishedCampaign(DisclosedCampaign Figures, string Period)
{
    public Guid CampaignId => Figures.CampaignId;

    public DateTimeOffset PublishedAt => Figures.Version.ComputedAt;
}
