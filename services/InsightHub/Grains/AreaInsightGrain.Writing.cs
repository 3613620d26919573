using Microsoft.Extensions.Logging;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>Batched state writes: every change waits for the one write that holds it.</summary>
public sealed partial class AreaInsightGrain
{
    private async Task WhileWritingAsync()
    {
        await WhileWritingQuietlyAsync();
        if (_failed is not null)
        {
            throw new InvalidOperationException($"Area {Key} could not write its state and is reloading; retry.", _failed);
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
                // Reported by the flush that started the write; callers see _failed.
            }
        }
    }

    private Task JoinBatchAsync(IReadOnlyCollection<string> changedFeeds, CancellationToken cancellationToken)
    {
        var batch = OpenBatch();
        batch.Count++;
        batch.ChangedFeeds.UnionWith(changedFeeds);
        if (batch.Count >= batching.Value.MaxEvents)
        {
            _ = FlushAsync();
        }

        return batch.Written.WaitAsync(cancellationToken);
    }

    private StateBatch OpenBatch()
    {
        var batch = _open;
        if (batch is null)
        {
            batch = _open = new StateBatch();
            _ = FlushLaterAsync(batch);
        }

        return batch;
    }

    private async Task FlushLaterAsync(StateBatch batch)
    {
        var wait = _isEntry ? batching.Value.FlushIntervalMs : batching.Value.RollUpFlushIntervalMs;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), clock);
        }
        else
        {
            await Task.Yield(); // after this turn, so that the change that opened the batch has joined it
        }

        if (ReferenceEquals(_open, batch))
        {
            await FlushAsync();
        }
    }

    /// <summary>
    /// Writes the open batch, with the pending delta moved into a new numbered outgoing batch if none is outstanding,
    /// then sends that batch to the parent in the background.
    /// </summary>
    private async Task FlushAsync()
    {
        await WhileWritingQuietlyAsync();
        var batch = _open;
        if (batch is null || _failed is not null)
        {
            return;
        }

        _open = null;
        var s = state.State;
        if (_parentKey is not null && s.Outgoing is null && !s.Pending.IsEmpty)
        {
            s.LastBatch++;
            s.Outgoing = new AreaBatch(s.LastBatch, s.Pending);
            s.Pending = new AreaDelta();
            _outgoingCovers = _folded;
        }

        var write = WriteAsync();
        _writing = write;
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            _failed = ex;
            LogWriteFailed(ex, Key, batch.Count);
            batch.Fail(ex);
            DeactivateOnIdle();
            return;
        }

        batch.Complete();
        foreach (var feed in batch.ChangedFeeds)
        {
            GrainFactory.GetGrain<IFeedSnapshotGrain>(feed).Changed().Ignore();
        }

        if (s.Outgoing is not null)
        {
            _ = ForwardOrRetryAsync();
        }
    }

    private async Task WriteAsync()
    {
        await SealAppliedIdsAsync();
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Area {AreaCode} failed to write {Count} changes; deactivating so that they are redelivered")]
    private partial void LogWriteFailed(Exception exception, string areaCode, int count);
}
