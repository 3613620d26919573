using System.Diagnostics;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Digests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// Makes due deliveries. Each is claimed with <c>SELECT … FOR UPDATE SKIP LOCKED</c> in a transaction that stays
/// open while it is tried and commits the attempt, its log entry and what comes next together: several InsightHub
/// instances share the work without taking the same delivery, and a process killed mid-delivery rolls back, so the
/// delivery is due again (that one may arrive twice; receivers deduplicate on <c>webhook-id</c>), and nothing is lost.
/// All times come from <see cref="TimeProvider"/>, so tests run the three-day schedule on a fake clock.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender webhooks,
    DigestMailer mailer,
    DeliveryFactory factory,
    TimeProvider clock,
    IOptions<SubscriptionOptions> options,
    ILogger<DeliveryDispatcher> logger)
{
    /// <summary>Makes every delivery due now, <see cref="DeliveryOptions.Concurrency"/> at a time; returns how many attempts were made.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var made = 0;
        var workers = Enumerable.Range(0, Math.Max(1, options.Value.Delivery.Concurrency)).Select(async _ =>
        {
            while (!cancellationToken.IsCancellationRequested && await TryDeliverOneAsync(cancellationToken))
            {
                Interlocked.Increment(ref made);
            }
        });
        await Task.WhenAll(workers);
        return made;
    }

    /// <summary>Claims and tries one due delivery; false when none is due (or every due one is claimed elsewhere).</summary>
    public async Task<bool> TryDeliverOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightHubDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var pending = nameof(DeliveryStatus.Pending);
        var claimed = await db.Deliveries
            .FromSql($"SELECT * FROM deliveries WHERE status = {pending} AND next_attempt_at <= {now} ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (claimed is not [var delivery])
        {
            return false;
        }

        var subscription = await db.Subscriptions.SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (!subscription.IsActive && delivery.Kind != DeliveryKind.OwnerNotice)
        {
            delivery.Status = DeliveryStatus.Cancelled;
            delivery.NextAttemptAt = null;
            delivery.LastOutcome = $"subscription {subscription.Status.ToString().ToLowerInvariant()}";
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        using var activity = Telemetry.Source.StartActivity("subscription delivery", ActivityKind.Producer);
        activity?.SetTag("messaging.message.id", delivery.MessageId);
        var result = delivery.Channel == SubscriptionChannel.Webhook
            ? await webhooks.SendAsync(subscription, delivery, cancellationToken)
            : await mailer.SendAsync(subscription, delivery, cancellationToken);
        var after = clock.GetUtcNow();

        // Only now the subscription's row, for its failure clock and status: not held while the endpoint is tried, so
        // the API and other deliveries of the same subscription do not wait on a slow endpoint. NO KEY UPDATE lets
        // new deliveries (their foreign key) go ahead.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM subscriptions WHERE id = {subscription.Id} FOR NO KEY UPDATE", cancellationToken);
        await db.Entry(subscription).ReloadAsync(cancellationToken);

        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id,
            SubscriptionId = subscription.Id,
            AttemptedAt = now,
            StatusCode = result.StatusCode,
            Outcome = Truncate(result.Outcome, 200),
            DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
            Response = result.Response is null ? null : Truncate(result.Response, DeliveryAttempt.ResponseExcerptBytes),
            Manual = delivery.Manual,
        });
        Apply(db, subscription, delivery, result, after);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAttempt(delivery.MessageId, subscription.Id, result.StatusCode, result.Outcome);
        return true;
    }

    private void Apply(InsightHubDb db, Subscription subscription, Delivery delivery, AttemptResult result, DateTimeOffset now)
    {
        var manual = delivery.Manual;
        delivery.Manual = false;
        delivery.LastOutcome = Truncate(result.Outcome, 200);
        if (!manual)
        {
            delivery.Attempts++;
        }

        var ownerNotice = delivery.Kind == DeliveryKind.OwnerNotice;
        switch (result.Verdict)
        {
            case AttemptVerdict.Delivered:
                Complete(delivery, DeliveryStatus.Delivered, now);
                if (!ownerNotice)
                {
                    subscription.FailingSince = null;
                }

                return;
            case AttemptVerdict.Retry when !manual && RetrySchedule.NextAttempt(delivery.Attempts, now, result.RetryAfter) is { } next:
                delivery.NextAttemptAt = next;
                break;
            case AttemptVerdict.Gone:
                Complete(delivery, DeliveryStatus.Failed, now);
                if (!ownerNotice)
                {
                    Disable(db, subscription, delivery, "The endpoint answered 410 Gone.", now);
                }

                return;
            default:
                Complete(delivery, DeliveryStatus.Failed, now);
                break;
        }

        if (ownerNotice)
        {
            return;
        }

        subscription.FailingSince ??= now;
        if (now - subscription.FailingSince >= options.Value.Webhooks.DisableAfterFailingFor)
        {
            Disable(db, subscription, delivery, $"No delivery succeeded for {options.Value.Webhooks.DisableAfterFailingFor.TotalDays:0.#} days (failing since {subscription.FailingSince:u}).", now);
        }
    }

    private void Disable(InsightHubDb db, Subscription subscription, Delivery current, string reason, DateTimeOffset now)
    {
        subscription.Status = SubscriptionStatus.Disabled;
        subscription.DisabledReason = reason;
        subscription.DisabledAt = now;
        subscription.UpdatedAt = now;
        // The failed attempt's delivery is given up; the others waiting are cancelled when they fall due.
        if (current.Status == DeliveryStatus.Pending)
        {
            Complete(current, DeliveryStatus.Failed, now);
        }

        if (factory.OwnerNotice(subscription, reason) is { } notice)
        {
            db.Deliveries.Add(notice);
        }

        LogDisabled(subscription.Id, reason);
    }

    private static void Complete(Delivery delivery, DeliveryStatus status, DateTimeOffset now)
    {
        delivery.Status = status;
        delivery.NextAttemptAt = null;
        delivery.CompletedAt = now;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {MessageId} to subscription {SubscriptionId}: {StatusCode} {Outcome}")]
    private partial void LogAttempt(string messageId, Guid subscriptionId, int? statusCode, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} disabled: {Reason}")]
    private partial void LogDisabled(Guid subscriptionId, string reason);
}

internal static class Telemetry
{
    public static readonly ActivitySource Source = new("ChampionNetwork");
}
