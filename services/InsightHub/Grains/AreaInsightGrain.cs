using Orleans.Concurrency;
using ChampionNetwork.InsightHub.Grains.Tallies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Aggregates one area. Reentrant so that concurrent calls share a state write: each applies its change in memory,
/// joins the open batch, and returns only after the batch is written. No change is applied while a write is in
/// flight, so the state is never modified under the serializer. A failed write deactivates the grain: the callers
/// fail, their messages are redelivered, and the next activation reloads what was durable.
/// </summary>
[Reentrant]
public sealed partial class AreaInsightGrain(
    [PersistentState("area", InsightStorage.Name)] IPersistentState<AreaInsightState> state,
    IOptions<BatchingOptions> batching,
    TimeProvider clock,
    ILogger<AreaInsightGrain> logger) : Grain, IAreaInsightGrain
{
    private StateBatch? _open;
    private Task _writing = Task.CompletedTask;
    private Exception? _failed;

    private string AreaCode => this.GetPrimaryKeyString();

    public async Task<bool> Apply(InsightContribution contribution, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        var campaign = Campaign(contribution.CampaignId);
        if (!campaign.Apply(contribution, clock.GetUtcNow()))
        {
            LogDuplicate(contribution.EventId, AreaCode);
            // The first delivery may still be waiting for its write: a duplicate is acknowledged no earlier.
            if (_open is { } pending)
            {
                await pending.Written.WaitAsync(cancellationToken);
            }

            return false;
        }

        await JoinBatchAsync(FeedSnapshotKeys.Campaign(contribution.CampaignId), cancellationToken);
        return true;
    }

    public async Task ApplyCampaign(CampaignFacts facts, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (Campaign(facts.CampaignId).Apply(facts, clock.GetUtcNow()))
        {
            await JoinBatchAsync(FeedSnapshotKeys.Campaign(facts.CampaignId), cancellationToken);
        }
        else if (_open is { } pending)
        {
            await pending.Written.WaitAsync(cancellationToken);
        }
    }

    public async Task<bool> ApplyActivity(ActivityContribution activity, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (!state.State.Activity.Apply(activity))
        {
            if (_open is { } pending)
            {
                await pending.Written.WaitAsync(cancellationToken);
            }

            return false;
        }

        await JoinBatchAsync(FeedSnapshotKeys.Activity, cancellationToken);
        return true;
    }

    public async Task ResetCampaign(Guid campaignId, CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        if (!state.State.Campaigns.TryGetValue(campaignId, out var campaign) || !campaign.Reset(clock.GetUtcNow()))
        {
            return;
        }

        LogReset(campaignId, AreaCode);
        var written = JoinBatchAsync(FeedSnapshotKeys.Campaign(campaignId), cancellationToken);
        await FlushAsync();
        await written;
    }

    public Task<IReadOnlyList<Guid>> GetCampaigns(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Campaigns.Keys.Order()]);

    public Task<CampaignInsight?> GetCampaignInsight(Guid campaignId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Campaigns.TryGetValue(campaignId, out var campaign) ? campaign.ToInsight(AreaCode, campaignId) : null);

    public Task<IReadOnlyList<ActivityInsight>> GetActivity(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Activity.ToInsight(AreaCode));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_failed is null && _open is not null)
        {
            await FlushAsync();
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

    private async Task WhileWritingAsync()
    {
        while (!_writing.IsCompleted)
        {
            try
            {
                await _writing;
            }
            catch (Exception)
            {
                // The write's own callers see its failure; this caller sees _failed below.
            }
        }

        if (_failed is not null)
        {
            throw new InvalidOperationException($"Area {AreaCode} could not write its state and is reloading; retry.", _failed);
        }
    }

    private Task JoinBatchAsync(string changedFeed, CancellationToken cancellationToken)
    {
        var batch = _open;
        if (batch is null)
        {
            batch = _open = new StateBatch();
            _ = FlushLaterAsync(batch);
        }

        batch.Count++;
        batch.ChangedFeeds.Add(changedFeed);
        if (batch.Count >= batching.Value.MaxEvents)
        {
            _ = FlushAsync();
        }

        return batch.Written.WaitAsync(cancellationToken);
    }

    private async Task FlushLaterAsync(StateBatch batch)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(batching.Value.FlushIntervalMs), clock);
        if (ReferenceEquals(_open, batch))
        {
            await FlushAsync();
        }
    }

    private async Task FlushAsync()
    {
        await WhileWritingQuietlyAsync();
        var batch = _open;
        if (batch is null || _failed is not null)
        {
            return;
        }

        _open = null;
        var write = state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
            batch.Complete();
            foreach (var feed in batch.ChangedFeeds)
            {
                GrainFactory.GetGrain<IFeedSnapshotGrain>(feed).Changed().Ignore();
            }
        }
        catch (Exception ex)
        {
            _failed = ex;
            LogWriteFailed(ex, AreaCode, batch.Count);
            batch.Fail(ex);
            DeactivateOnIdle();
        }
    }

    private async Task WhileWritingQuietlyAsync()
    {
        while (!_writing.IsCompleted)
        {
            try
            {
                await _writing;
            }
            catch (Exception)
            {
                // Reported by the flush that started the write.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventId} was already applied to area {AreaCode}; ignored")]
    private partial void LogDuplicate(Guid eventId, string areaCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} reset in area {AreaCode} for a replay")]
    private partial void LogReset(Guid campaignId, string areaCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Area {AreaCode} failed to write {Count} changes; deactivating so that they are redelivered")]
    private partial void LogWriteFailed(Exception exception, string areaCode, int count);
}
