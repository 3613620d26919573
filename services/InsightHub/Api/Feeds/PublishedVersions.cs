using System.Collections.Concurrent;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// This process's copy of each snapshot's published version and of the campaigns Scotland has heard of, so that a
/// feed read between publications makes no grain call. A snapshot is published only at a schedule boundary or at a
/// campaign's close, so a copy is used until the next boundary and for at most <see cref="SnapshotOptions.RecheckAfter"/>: that
/// bounds how late a close published on another silo is seen here. A publication on this silo replaces the copy
/// at once, as its <see cref="IFeedPublicationSink"/>.
/// </summary>
public sealed class PublishedVersions(IGrainFactory grains, IOptions<SnapshotOptions> options, TimeProvider clock) : IFeedPublicationSink
{
    private readonly ConcurrentDictionary<string, Copy<FeedVersion>> _versions = new(StringComparer.Ordinal);
    private volatile Copy<IReadOnlyList<Guid>>? _campaigns;

    /// <summary>The snapshot's current publication (<see cref="FeedSnapshotKeys"/>).</summary>
    public ValueTask<FeedVersion> VersionAsync(string snapshotKey, CancellationToken cancellationToken)
    {
        var known = _versions.GetValueOrDefault(snapshotKey);
        return known is not null && known.IsCurrent(clock.GetUtcNow())
            ? ValueTask.FromResult(known.Value)
            : new ValueTask<FeedVersion>(ReadAsync(snapshotKey, known, cancellationToken));
    }

    /// <summary>Every campaign Scotland has figures or facts for.</summary>
    public ValueTask<IReadOnlyList<Guid>> CampaignsAsync(CancellationToken cancellationToken)
    {
        var known = _campaigns;
        return known is not null && known.IsCurrent(clock.GetUtcNow())
            ? ValueTask.FromResult(known.Value)
            : new ValueTask<IReadOnlyList<Guid>>(ReadCampaignsAsync(cancellationToken));
    }

    public Task PublishedAsync(string snapshotKey, FeedSnapshot snapshot, bool closed, CancellationToken cancellationToken)
    {
        _versions[snapshotKey] = new Copy<FeedVersion>(snapshot.Version, UsableUntil(clock.GetUtcNow()));
        // A campaign closed before any scheduled publication is in the feeds from its close on.
        _campaigns = null;
        return Task.CompletedTask;
    }

    private async Task<FeedVersion> ReadAsync(string snapshotKey, Copy<FeedVersion>? known, CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var version = await grains.GetGrain<IFeedSnapshotGrain>(snapshotKey).GetVersion(cancellationToken);
        var copy = new Copy<FeedVersion>(version, UsableUntil(readAt));
        // Not over a publication this silo was told of while the grain answered: that one is newer.
        _ = known is null ? _versions.TryAdd(snapshotKey, copy) : _versions.TryUpdate(snapshotKey, copy, known);
        return version;
    }

    private async Task<IReadOnlyList<Guid>> ReadCampaignsAsync(CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var campaigns = await grains.GetGrain<IAreaInsightGrain>(AreaCode.Scotland.Value).GetCampaigns(cancellationToken);
        _campaigns = new Copy<IReadOnlyList<Guid>>(campaigns, UsableUntil(readAt));
        return campaigns;
    }

    private DateTimeOffset UsableUntil(DateTimeOffset readAt)
    {
        var nextBoundary = SnapshotSchedule.NextAfter(readAt, options.Value.PublishEvery);
        var recheck = readAt + options.Value.RecheckAfter;
        return recheck < nextBoundary ? recheck : nextBoundary;
    }

    private sealed record Copy<T>(T Value, DateTimeOffset Until)
    {
        public bool IsCurrent(DateTimeOffset now) => now < Until;
    }
}
