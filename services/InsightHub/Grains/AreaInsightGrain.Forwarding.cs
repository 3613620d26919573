using Microsoft.Extensions.Logging;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>Sending numbered batches to the parent until each is acknowledged.</summary>
public sealed partial class AreaInsightGrain
{
    private Task _forwarding = Task.CompletedTask;
    private IGrainTimer? _retry;

    // In memory: how many changes were folded into the pending delta, how many the outgoing batch covers, and how many
    // the parent has acknowledged. Settle waits for what was applied before it was called, not for later arrivals.
    private long _folded;
    private long _outgoingCovers;
    private long _acknowledged;
    private TaskCompletionSource _acknowledgement = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<bool> Settle(CancellationToken cancellationToken = default)
    {
        await WhileWritingAsync();
        var moved = false;
        if (_open is not null)
        {
            var batch = _open;
            await FlushAsync();
            await batch.Written.WaitAsync(cancellationToken);
            moved = true;
        }

        if (_parentKey is null)
        {
            return moved;
        }

        var target = _folded;
        while (_acknowledged < target && _failed is null)
        {
            if (state.State.Outgoing is null && !state.State.Pending.IsEmpty)
            {
                OpenBatch();
                await FlushAsync();
            }

            if (state.State.Outgoing is null)
            {
                // Nothing left to send (a reset emptied the pending delta): what was folded is accounted for.
                _acknowledged = Math.Max(_acknowledged, target);
                break;
            }

            var acknowledged = _acknowledgement.Task;
            var forwarding = ForwardAsync();
            try
            {
                await Task.WhenAny(acknowledged, forwarding).WaitAsync(cancellationToken);
                await (forwarding.IsFaulted ? forwarding : Task.CompletedTask);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogForwardFailed(ex, Key, _parentKey);
                ScheduleRetry(RetryAfter);
                return true;
            }

            moved = true;
        }

        return moved;
    }

    private void Folded() => _folded++;

    private TimeSpan RetryAfter => TimeSpan.FromMilliseconds(batching.Value.ForwardRetryMs);

    /// <summary>The one forwarding loop: started if none is running, else the running one.</summary>
    private Task ForwardAsync()
    {
        if (_forwarding.IsCompleted)
        {
            _forwarding = ForwardLoopAsync();
        }

        return _forwarding;
    }

    private async Task ForwardLoopAsync()
    {
        if (_parentKey is null)
        {
            return;
        }

        var parent = GrainFactory.GetGrain<IAreaInsightGrain>(_parentKey);
        while (_failed is null && state.State.Outgoing is { } batch)
        {
            await parent.ApplyBatch(Key, batch);
            await WhileWritingQuietlyAsync();
            if (ReferenceEquals(state.State.Outgoing, batch))
            {
                // Acknowledged: forgotten in memory now, in storage at the next write (a resend would be ignored).
                state.State.Outgoing = null;
                _acknowledged = Math.Max(_acknowledged, _outgoingCovers);
                _acknowledgement.TrySetResult();
                _acknowledgement = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (_failed is null && !state.State.Pending.IsEmpty)
            {
                // Forms and writes the next batch; this loop sends it.
                OpenBatch();
                await FlushAsync();
            }
        }
    }

    private async Task ForwardOrRetryAsync()
    {
        try
        {
            await ForwardAsync();
        }
        catch (Exception ex)
        {
            LogForwardFailed(ex, Key, _parentKey);
            ScheduleRetry(RetryAfter);
        }
    }

    /// <summary>A timer that keeps this grain active and settles it until nothing is outstanding.</summary>
    private void ScheduleRetry(TimeSpan due)
    {
        _retry ??= this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions
        {
            DueTime = due,
            Period = RetryAfter,
            KeepAlive = true,
        });
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Settle(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogForwardFailed(ex, Key, _parentKey);
            return;
        }

        if (_failed is null && state.State.Outgoing is null && state.State.Pending.IsEmpty && _open is null)
        {
            _retry?.Dispose();
            _retry = null;
        }
    }

    private async Task ForwardBeforeDeactivationAsync(CancellationToken cancellationToken)
    {
        if (_failed is not null || state.State.Outgoing is null)
        {
            return;
        }

        try
        {
            await ForwardAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Written: the next activation sends it again.
            LogForwardFailed(ex, Key, _parentKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Area {AreaCode} could not send its batch to {Parent}; it retries")]
    private partial void LogForwardFailed(Exception exception, string areaCode, string? parent);
}
