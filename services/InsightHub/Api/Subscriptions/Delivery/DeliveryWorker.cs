using ChampionNetwork.InsightHub.Subscriptions.Digests;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>Makes due digests and deliveries, then waits for a new delivery in this process or the next poll.</summary>
public sealed partial class DeliveryWorker(
    DigestScheduler digests,
    DeliveryDispatcher dispatcher,
    DeliverySignal signal,
    IOptions<SubscriptionOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digests.MakeDueDigestsAsync(stoppingToken);
                await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }

            try
            {
                await signal.WaitAsync(options.Value.Delivery.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription deliveries failed this round; the next poll tries again")]
    private partial void LogFailed(Exception exception);
}
