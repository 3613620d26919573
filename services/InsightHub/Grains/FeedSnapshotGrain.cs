using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Publishes one campaign's (or all activity's) raw figures on the schedule and at close, and serves the published
/// snapshot until the next publication. The schedule runs on a grain timer kept alive while the campaign is open, and
/// every read checks it too, so neither readers nor a silo restart move a publication. A publication gathers the
/// area grains again only if one reported a change since the last; the captured figures carry no time of their own.
/// Not reentrant: concurrent readers at a boundary wait for one publication.
/// </summary>
public sealed partial class FeedSnapshotGrain(
    [PersistentState("feed", InsightStorage.Name)] IPersistentState<FeedSnapshotState> state,
    AreaRegistry areas,
    IOptions<SnapshotOptions> options,
    TimeProvider clock,
    IEnumerable<IFeedPublicationSink> sinks,
    ILogger<FeedSnapshotGrain> logger) : Grain, IFeedSnapshotGrain
{
    private static readonly JsonSerializerOptions ContentJson = new() { WriteIndented = false };

    // The scheduled publication is one trace, not one per settled or gathered area grain.
    private static readonly ActivitySource Source = new("ChampionNetwork");

    // A publication whose subscribers could not be told is retried this soon, not at the next boundary.
    private static readonly TimeSpan NotifyRetry = TimeSpan.FromSeconds(5);

    private readonly IFeedPublicationSink[] _sinks = [.. sinks];

    // After an activation nothing says what changed while this grain was inactive: gather at the next publication.
    private bool _changed = true;
    private IGrainTimer? _timer;
    private FeedSnapshotContent? _content;

    private TimeSpan Every => options.Value.PublishEvery;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    public Task Changed()
    {
        _changed = true;
        return Task.CompletedTask;
    }

    public async Task PublishClosed(CancellationToken cancellationToken = default)
    {
        if (!state.State.ClosedPublished)
        {
            // The close's own second, but never before the publication already served.
            var at = SnapshotSchedule.ToSecond(clock.GetUtcNow());
            await PublishAsync(at > state.State.ComputedAt ? at : state.State.ComputedAt, closed: true, cancellationToken);
        }

        try
        {
            await NotifyIfPendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The publication stands; the timer tells the subscriptions within seconds.
            LogNotifyFailed(ex, this.GetPrimaryKeyString());
        }

        Schedule();
    }

    public async Task<FeedVersion> GetVersion(CancellationToken cancellationToken = default) =>
        (await GetSnapshot(cancellationToken)).Version;

    public async Task<FeedSnapshot> GetSnapshot(CancellationToken cancellationToken = default)
    {
        await PublishIfDueAsync(cancellationToken);
        var s = state.State;
        _content ??= s.Content.Length == 0 ? FeedSnapshotContent.Empty : JsonSerializer.Deserialize<FeedSnapshotContent>(s.Content, ContentJson)!;
        return new FeedSnapshot(new FeedVersion(s.ContentHash, s.ComputedAt), _content.Campaign, _content.Activity);
    }

    private async Task OnScheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishIfDueAsync(cancellationToken);
            await NotifyIfPendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next read or tick tries again.
            LogPublishFailed(ex, this.GetPrimaryKeyString());
        }

        Schedule();
    }

    private async Task PublishIfDueAsync(CancellationToken cancellationToken)
    {
        var boundary = SnapshotSchedule.BoundaryAt(clock.GetUtcNow(), Every);
        if (state.State.ComputedAt < boundary)
        {
            using var activity = Activity.Current is null ? Source.StartActivity("feed publish") : null;
            await PublishAsync(boundary, closed: false, cancellationToken);
        }
    }

    private async Task PublishAsync(DateTimeOffset at, bool closed, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (_changed || closed)
        {
            // Batches still on their way up reach the boards and Scotland first, so the publication's levels agree.
            await SettleTreeAsync(cancellationToken);
            // Cleared first: a change reported while gathering is for the next publication.
            _changed = false;
            var content = await GatherAsync(cancellationToken);
            // Records with sorted collections serialise the same way every time, on every silo.
            s.Content = content.Campaign.Count + content.Activity.Count == 0 ? "" : JsonSerializer.Serialize(content, ContentJson);
            s.ContentHash = s.Content.Length == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.Content)))[..32];
            _content = content;
        }

        if (s.ContentHash.Length == 0 && !state.RecordExists)
        {
            // Nothing has happened here (a mistyped campaign id, say): nothing to publish or store.
            return;
        }

        s.ComputedAt = at;
        s.ClosedPublished |= closed;
        await state.WriteStateAsync(cancellationToken);
        LogPublished(this.GetPrimaryKeyString(), at, closed);
    }

    /// <summary>
    /// Tells the subscriptions of the latest publication, once it is durable; remembered in state, so that a failure
    /// or a restart before they heard of it tells them again (they ignore a publication they already have).
    /// </summary>
    private async Task NotifyIfPendingAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (_sinks.Length == 0 || !state.RecordExists || s.ContentHash.Length == 0 || s.NotifiedAt >= s.ComputedAt)
        {
            return;
        }

        var snapshot = await GetSnapshotWithoutPublishingAsync();
        foreach (var sink in _sinks)
        {
            await sink.PublishedAsync(this.GetPrimaryKeyString(), snapshot, s.ClosedPublished && !s.ClosedNotified, cancellationToken);
        }

        s.NotifiedAt = s.ComputedAt;
        s.ClosedNotified = s.ClosedPublished;
        await state.WriteStateAsync(cancellationToken);
    }

    private Task<FeedSnapshot> GetSnapshotWithoutPublishingAsync()
    {
        var s = state.State;
        _content ??= s.Content.Length == 0 ? FeedSnapshotContent.Empty : JsonSerializer.Deserialize<FeedSnapshotContent>(s.Content, ContentJson)!;
        return Task.FromResult(new FeedSnapshot(new FeedVersion(s.ContentHash, s.ComputedAt), _content.Campaign, _content.Activity));
    }

    private void Schedule()
    {
        _timer?.Dispose();
        var due = SnapshotSchedule.NextAfter(clock.GetUtcNow(), Every) - clock.GetUtcNow();
        if (_sinks.Length > 0 && state.State.ContentHash.Length > 0 && state.State.NotifiedAt < state.State.ComputedAt && due > NotifyRetry)
        {
            due = NotifyRetry;
        }

        _timer = this.RegisterGrainTimer(OnScheduleAsync, new GrainTimerCreationOptions
        {
            DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Period = Timeout.InfiniteTimeSpan,
            // An open campaign publishes on time with no reader; a closed one wakes up for readers only.
            KeepAlive = !state.State.ClosedPublished,
        });
    }

    private async Task<FeedSnapshotContent> GatherAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (key == FeedSnapshotKeys.Activity)
        {
            var all = await Task.WhenAll(areas.All.Select(a => Area(a).GetActivity(cancellationToken)));
            return new([], [.. all.SelectMany(a => a).Select(a => a with { ChangedAt = default })
                .OrderBy(a => a.AreaCode, StringComparer.Ordinal).ThenBy(a => a.Quarter, StringComparer.Ordinal)]);
        }

        var campaignId = Guid.Parse(key["campaign:".Length..]);
        var insights = await Task.WhenAll(areas.All.Select(a => Area(a).GetCampaignInsight(campaignId, cancellationToken)));
        return new([.. insights.OfType<CampaignInsight>().Select(c => c with { ChangedAt = default }).OrderBy(c => c.AreaCode, StringComparer.Ordinal)], []);
    }

    /// <summary>
    /// Settles every entry grain, then every board: what the organisations have counted is in the boards' and
    /// Scotland's figures when this returns (unless a grain is failing; its retry timer delivers it later). Also
    /// wakes a grain that holds an unacknowledged batch after its silo died (this grain's first publication after an
    /// activation always gathers).
    /// </summary>
    private async Task SettleTreeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(InsightTree.EntryKeys(areas).Select(k => SettleAsync(k, cancellationToken)));
        await Task.WhenAll(InsightTree.ParentKeysBottomUp(areas).Where(k => k != AreaCode.Scotland.Value).Select(k => SettleAsync(k, cancellationToken)));
    }

    private async Task SettleAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<IAreaInsightGrain>(key).Settle(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSettleFailed(ex, key);
        }
    }

    private IAreaInsightGrain Area(Area area) => GrainFactory.GetGrain<IAreaInsightGrain>(area.Code.Value);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Snapshot {Snapshot} published for {PublishedAt} (close: {Closed})")]
    private partial void LogPublished(string snapshot, DateTimeOffset publishedAt, bool closed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Area {AreaCode} could not settle before a publication; its own retry sends its batch")]
    private partial void LogSettleFailed(Exception exception, string areaCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriptions could not be told of snapshot {Snapshot}; retried in a few seconds")]
    private partial void LogNotifyFailed(Exception exception, string snapshot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {Snapshot} could not publish on schedule; the next read or tick retries")]
    private partial void LogPublishFailed(Exception exception, string snapshot);
}

/// <summary>Configuration section "InsightHub:Snapshots".</summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "InsightHub:Snapshots";

    /// <summary>How often an open campaign's figures are published; boundaries fall at multiples of it since the Unix epoch (UTC).</summary>
    public TimeSpan PublishEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a silo's feed readers use its copy of a published version before asking the grain again: how late a
    /// close published on another silo can be seen. Scheduled publications are seen at once, on every silo.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(1);
}
