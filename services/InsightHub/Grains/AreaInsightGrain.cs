using Orleans.Concurrency;
using ChampionNetwork.InsightHub.Grains.Tallies;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Aggregates one area. Reentrant so that concurrent calls share a state write: each applies its change in memory,
/// joins the open batch, and returns only after the batch is written. No change is applied while a write is in
/// flight, so the state is never modified under the serializer. A failed write deactivates the grain: the callers
/// fail, their messages are redelivered, and the next activation reloads what was durable.
/// </summary>
/// <remarks>
/// Roll-up. An entry grain (see <see cref="InsightTree"/>) deduplicates responses and activity by id; every grain
/// folds what it applies into <see cref="AreaInsightState.Pending"/>. A write moves the pending delta into a numbered
/// <see cref="AreaInsightState.Outgoing"/> batch when none is outstanding, so the batch is durable before it is sent;
/// after the write the batch goes to the parent, again until acknowledged (at once, on a retry timer, at the next
/// activation, and whenever the feeds settle the tree before a publication). The parent applies batch n of a child
/// only when its watermark for the child is n - 1 and writes figures and watermark in one state write.
/// </remarks>
[Reentrant]
public sealed partial class AreaInsightGrain(
    [PersistentState("area", InsightStorage.Name)] IPersistentState<AreaInsightState> state,
    AreaRegistry areas,
    IOptions<BatchingOptions> batching,
    TimeProvider clock,
    ILogger<AreaInsightGrain> logger) : Grain, IAreaInsightGrain
{
    private StateBatch? _open;
    private Task _writing = Task.CompletedTask;
    private Exception? _failed;
    private string? _parentKey;
    private bool _isEntry;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _parentKey = InsightTree.ParentOf(areas, Key);
        _isEntry = InsightTree.IsEntry(areas, Key);
        var s = state.State;
        if (s.ActivityCounts.Count == 0 && s.Activity.Quarters.Count > 0)
        {
            // State written before counts were kept: the counts are the sizes of the id sets.
            s.ActivityCounts = s.Activity.ToCounts();
        }

        if (!_isEntry)
        {
            // A board or Scotland counts its children's batches, never ids (state written before batches kept them).
            s.Activity.Quarters.Clear();
            foreach (var campaign in s.Campaigns.Values)
            {
                campaign.AppliedEventIds.Clear();
                campaign.SealedIdChunks = 0;
            }
        }
        else
        {
            await LoadSealedIdsAsync();
        }

        if (s.Outgoing is not null || !s.Pending.IsEmpty)
        {
            // Left unacknowledged by the previous activation: sent at once, and by the next settle.
            Folded();
            _outgoingCovers = s.Outgoing is not null && s.Pending.IsEmpty ? _folded : 0;
            ScheduleRetry(TimeSpan.Zero);
        }
    }

    public async Task<bool> Apply(InsightContribution contribution, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        var campaign = Campaign(contribution.CampaignId);
        if (IsSealed(contribution.CampaignId, contribution.EventId) || !campaign.Apply(contribution, clock.GetUtcNow()))
        {
            LogDuplicate(contribution.EventId, Key);
            // The first delivery may still be waiting for its write: a duplicate is acknowledged no earlier.
            await WhileOpenAsync(cancellationToken);
            return false;
        }

        if (_parentKey is not null)
        {
            state.State.Pending.Add(contribution, GenerationOf(contribution.CampaignId));
            Folded();
        }

        await JoinBatchAsync([FeedSnapshotKeys.Campaign(contribution.CampaignId)], cancellationToken);
        return true;
    }

    public async Task ApplyCampaign(CampaignFacts facts, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (Campaign(facts.CampaignId).Apply(facts, clock.GetUtcNow()))
        {
            await JoinBatchAsync([FeedSnapshotKeys.Campaign(facts.CampaignId)], cancellationToken);
        }
        else
        {
            await WhileOpenAsync(cancellationToken);
        }
    }

    public async Task<bool> ApplyActivity(ActivityContribution activity, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (!state.State.Activity.Apply(activity))
        {
            await WhileOpenAsync(cancellationToken);
            return false;
        }

        var quarter = ActivityTallyExtensions.QuarterOf(activity.OccurredAt);
        var counted = AreaDeltaExtensions.CountOf(activity.Kind, activity.OccurredAt);
        state.State.ActivityCounts.AddCounts(quarter, counted);
        if (_parentKey is not null)
        {
            state.State.Pending.Activity.AddCounts(quarter, counted);
            Folded();
        }

        await JoinBatchAsync([FeedSnapshotKeys.Activity], cancellationToken);
        return true;
    }

    public async Task ApplyBatch(string childKey, AreaBatch batch, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        var s = state.State;
        var watermark = s.ChildWatermarks.GetValueOrDefault(childKey);
        if (batch.Number <= watermark)
        {
            LogDuplicateBatch(batch.Number, childKey, Key);
            await WhileOpenAsync(cancellationToken);
            return;
        }

        if (batch.Number != watermark + 1)
        {
            throw new InvalidOperationException($"Area {Key} expected batch {watermark + 1} from {childKey}, not {batch.Number}.");
        }

        var now = clock.GetUtcNow();
        var changed = new List<string>();
        foreach (var (campaignId, delta) in batch.Delta.Campaigns)
        {
            var generation = GenerationOf(campaignId);
            if (delta.Generation < generation)
            {
                // Counted before a reset this area has seen: the replay counts it again.
                continue;
            }

            if (delta.Generation > generation)
            {
                ResetTo(campaignId, delta.Generation, now);
            }

            Campaign(campaignId).Add(delta, now);
            if (_parentKey is not null)
            {
                s.Pending.Add(campaignId, delta);
            }

            changed.Add(FeedSnapshotKeys.Campaign(campaignId));
        }

        foreach (var (quarter, counts) in batch.Delta.Activity)
        {
            s.ActivityCounts.AddCounts(quarter, counts);
            if (_parentKey is not null)
            {
                s.Pending.Activity.AddCounts(quarter, counts);
            }
        }

        if (batch.Delta.Activity.Count > 0)
        {
            changed.Add(FeedSnapshotKeys.Activity);
        }

        if (_parentKey is not null && changed.Count > 0)
        {
            Folded();
        }

        s.ChildWatermarks[childKey] = batch.Number;
        await JoinBatchAsync(changed, cancellationToken);
    }

    public async Task<long> BeginReset(Guid campaignId, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        var generation = GenerationOf(campaignId) + 1;
        await ResetAndWriteAsync(campaignId, generation, cancellationToken);
        return generation;
    }

    public async Task ResetCampaign(Guid campaignId, long generation, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (generation <= GenerationOf(campaignId))
        {
            await WhileOpenAsync(cancellationToken);
            return;
        }

        await ResetAndWriteAsync(campaignId, generation, cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> GetCampaigns(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Campaigns.Keys.Order()]);

    public Task<CampaignInsight?> GetCampaignInsight(Guid campaignId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Campaigns.TryGetValue(campaignId, out var campaign) ? campaign.ToInsight(Key, campaignId) : null);

    public Task<IReadOnlyList<ActivityInsight>> GetActivity(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.ActivityCounts.ToInsight(Key));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_failed is null && _open is not null)
        {
            await FlushAsync();
        }

        await ForwardBeforeDeactivationAsync(cancellationToken);
    }

    private long GenerationOf(Guid campaignId) => state.State.Generations.GetValueOrDefault(campaignId);

    private async Task ResetAndWriteAsync(Guid campaignId, long generation, CancellationToken cancellationToken)
    {
        ResetTo(campaignId, generation, clock.GetUtcNow());
        LogReset(campaignId, Key, generation);
        var written = JoinBatchAsync([FeedSnapshotKeys.Campaign(campaignId)], cancellationToken);
        await FlushAsync();
        await written;
    }

    /// <summary>Forgets the campaign's figures, ids and pending delta here and moves it to a generation (in memory).</summary>
    private void ResetTo(Guid campaignId, long generation, DateTimeOffset now)
    {
        state.State.Generations[campaignId] = generation;
        state.State.Pending.Campaigns.Remove(campaignId);
        _sealedIds.Remove(campaignId);
        if (state.State.Campaigns.TryGetValue(campaignId, out var campaign))
        {
            campaign.Reset(now);
        }
    }

    private CampaignTally Campaign(Guid campaignId)
    {
        if (!state.State.Campaigns.TryGetValue(campaignId, out var campaign))
        {
            campaign = new CampaignTally();
            state.State.Campaigns[campaignId] = campaign;
        }

        return campaign;
    }

    /// <summary>A caller whose change is already applied returns no earlier than the write that may still hold it.</summary>
    private Task WhileOpenAsync(CancellationToken cancellationToken) =>
        _open is { } pending ? pending.Written.WaitAsync(cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventId} was already applied to area {AreaCode}; ignored")]
    private partial void LogDuplicate(Guid eventId, string areaCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {Number} from {Child} was already applied to area {AreaCode}; acknowledged")]
    private partial void LogDuplicateBatch(long number, string child, string areaCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} reset in area {AreaCode} for a replay (generation {Generation})")]
    private partial void LogReset(Guid campaignId, string areaCode, long generation);
}
