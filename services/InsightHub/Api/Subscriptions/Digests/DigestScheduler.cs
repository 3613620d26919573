using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions.Digests;

/// <summary>
/// Daily and weekly digests: when a subscription's digest falls due it gets one delivery holding every notice that
/// waited for it (none when nothing changed), and its next due time. Subscriptions are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two instances never make the same digest.
/// </summary>
public sealed class DigestScheduler(IServiceScopeFactory scopes, DeliveryFactory factory, TimeProvider clock, IOptions<SubscriptionOptions> options)
{
    // 1970-01-01 was a Thursday: weekly boundaries move four days on, to Mondays 00:00 UTC.
    private static readonly TimeSpan WeekOffset = TimeSpan.FromDays(4);

    public DateTimeOffset NextDigestAt(SubscriptionCadence cadence, DateTimeOffset now) => cadence switch
    {
        SubscriptionCadence.Daily => SnapshotSchedule.NextAfter(now, options.Value.DailyDigestEvery),
        SubscriptionCadence.Weekly => SnapshotSchedule.NextAfter(now - WeekOffset, options.Value.WeeklyDigestEvery) + WeekOffset,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Immediate subscriptions have no digest."),
    };

    /// <summary>Makes every digest due now; returns how many deliveries it made.</summary>
    public async Task<int> MakeDueDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightHubDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var active = nameof(SubscriptionStatus.Active);
        var immediate = nameof(SubscriptionCadence.Immediate);
        var due = await db.Subscriptions
            .FromSql($"SELECT * FROM subscriptions WHERE status = {active} AND cadence <> {immediate} AND next_digest_at <= {now} ORDER BY next_digest_at LIMIT 100 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var made = 0;
        foreach (var subscription in due)
        {
            var waiting = await db.Notices.Where(n => n.SubscriptionId == subscription.Id && n.DeliveryId == null).ToListAsync(cancellationToken);
            if (waiting.Count > 0)
            {
                var delivery = factory.Digest(subscription, waiting, now);
                db.Deliveries.Add(delivery);
                waiting.ForEach(n => n.DeliveryId = delivery.Id);
                made++;
            }

            subscription.NextDigestAt = NextDigestAt(subscription.Cadence, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return made;
    }
}
