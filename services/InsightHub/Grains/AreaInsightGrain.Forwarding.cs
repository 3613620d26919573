using Microsoft.Extensions.Logging;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>Sending numbered batches to the parent until each is acknowledged.</summary>
public sealed partial class AreaInsightGrain
{
    private const int SettleRounds = 3;

    private Task _forwarding = Task.CompletedTask;
    private IGrainTimer? _retry;

    public async Task<bool> Settle(CancellationToken cancellationToken = default)
    {
        var moved = false;
        for (var round = 0; round < SettleRounds; round++)
        {
            await WhileWritingAsync();
            var s = state.State;
            if (_open is not null || (_parentKey is not null && s.Outgoing is null && !s.Pending.IsEmpty))
            {
                var batch = OpenBatch();
                await FlushAsync();
                await batch.Written.WaitAsync(cancellationToken);
                moved = true;
            }

            if (_parentKey is null || (s.Outgoing is null && s.Pending.IsEmpty))
            {
                return moved;
            }

            try
            {
                await ForwardAsync().WaitAsync(cancellationToken);
                moved = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogForwardFailed(ex, Key, _parentKey);
                ScheduleRetry(RetryAfter);
                return moved;
            }
        }

        return moved;
    }

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
