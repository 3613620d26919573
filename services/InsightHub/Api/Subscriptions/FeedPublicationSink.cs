using System.Text.Json;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// Where subscriptions hook onto the feeds: the feed snapshot grain calls this once a publication is durable (on the
/// schedule, and at a campaign's close). In one transaction it records the publication (so that telling it again
/// after a crash does nothing), and for every active subscription whose own slice of the disclosed figures changed,
/// a notice, and for an immediate subscription its delivery. The figures are the feeds' own disclosed ones
/// (<see cref="FeedSnapshots.Disclose"/>): never a raw aggregate, never a time finer than the publication.
/// </summary>
public sealed partial class FeedPublicationSink(
    IServiceScopeFactory scopes,
    FeedSnapshots feeds,
    NoticeBuilder builder,
    DeliveryFactory factory,
    DisclosurePolicy policy,
    DeliverySignal signal,
    TimeProvider clock,
    ILogger<FeedPublicationSink> logger) : IFeedPublicationSink
{
    public async Task PublishedAsync(string snapshotKey, FeedSnapshot snapshot, bool closed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightHubDb>();
        if (!await db.Subscriptions.AnyAsync(s => s.Status == SubscriptionStatus.Active, cancellationToken))
        {
            return; // nobody to tell: no disclosure work inside the publishing grain
        }

        PublishedCampaign? campaign = null;
        if (snapshotKey.StartsWith("campaign:", StringComparison.Ordinal))
        {
            campaign = feeds.Disclose(Guid.Parse(snapshotKey["campaign:".Length..]), snapshot);
            if (campaign is null || (campaign.Figures.InstrumentId == Guid.Empty && campaign.Figures.Title is null))
            {
                return; // the feeds show nothing of it either
            }
        }
        else if (snapshotKey != FeedSnapshotKeys.Activity)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var publishedAt = snapshot.Version.ComputedAt;
        var recorded = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO feed_publications (snapshot_key, published_at, closed, recorded_at) VALUES ({snapshotKey}, {publishedAt}, {closed}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (recorded == 0)
        {
            return; // told before
        }

        var subscriptions = await db.Subscriptions.Where(s => s.Status == SubscriptionStatus.Active).ToListAsync(cancellationToken);
        var slices = await db.FeedSlices.Where(s => s.SnapshotKey == snapshotKey).ToDictionaryAsync(s => s.SubscriptionId, cancellationToken);
        var made = 0;
        foreach (var subscription in subscriptions)
        {
            slices.TryGetValue(subscription.Id, out var slice);
            made += campaign is not null
                ? Campaign(db, subscription, campaign, snapshotKey, closed, slice)
                : Activity(db, subscription, snapshot, snapshotKey, slice);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogNotices(snapshotKey, publishedAt, made);
        if (made > 0)
        {
            signal.Notify();
        }
    }

    private int Campaign(InsightHubDb db, Subscription subscription, PublishedCampaign campaign, string snapshotKey, bool closed, FeedSlice? slice)
    {
        var notice = builder.Campaign(subscription, campaign);
        if (notice.Areas.Count == 0)
        {
            return 0;
        }

        var fingerprint = NoticeBuilder.Fingerprint(notice);
        var changed = slice?.Content != fingerprint;
        Remember(db, subscription, snapshotKey, slice, fingerprint, campaign.PublishedAt);
        var kind = closed && NoticeBuilder.Wants(subscription, EventKinds.CampaignClosed) ? EventKinds.CampaignClosed
            : changed && NoticeBuilder.Wants(subscription, EventKinds.InsightFiguresChanged) ? EventKinds.InsightFiguresChanged
            : null;
        if (kind is null)
        {
            return 0;
        }

        factory.AddNotice(db, subscription, kind, snapshotKey, campaign.PublishedAt, notice);
        return 1;
    }

    private int Activity(InsightHubDb db, Subscription subscription, FeedSnapshot snapshot, string snapshotKey, FeedSlice? slice)
    {
        var counts = NoticeBuilder.ActivityCounts(builder.Scope(subscription), snapshot);
        Remember(db, subscription, snapshotKey, slice, JsonSerializer.Serialize(counts), snapshot.Version.ComputedAt);
        if (slice is null)
        {
            // The first publication a subscription sees is its baseline: it is told of what rises after it subscribed.
            return 0;
        }

        var before = JsonSerializer.Deserialize<Dictionary<string, int[]>>(slice.Content) ?? [];
        var (kinds, notice) = builder.Activity(subscription, snapshot, policy.Name, before);
        foreach (var kind in kinds)
        {
            factory.AddNotice(db, subscription, kind, snapshotKey, snapshot.Version.ComputedAt, notice with
            {
                Areas = [.. notice.Areas.Where(a => Rose(kind, a, before))],
            });
        }

        return kinds.Count;
    }

    private static bool Rose(string kind, ActivityArea area, Dictionary<string, int[]> before)
    {
        var old = before.GetValueOrDefault($"{area.Code}|{area.Period}") ?? [0, 0, 0];
        return kind switch
        {
            EventKinds.GoodPracticeShared => area.GoodPracticeShared is null || area.GoodPracticeShared > old[0],
            EventKinds.GoodPracticeAdopted => area.GoodPracticeAdopted is null || area.GoodPracticeAdopted > old[1],
            _ => area.CaseStudiesPublished is null || area.CaseStudiesPublished > old[2],
        };
    }

    private static void Remember(InsightHubDb db, Subscription subscription, string snapshotKey, FeedSlice? slice, string content, DateTimeOffset publishedAt)
    {
        if (slice is null)
        {
            db.FeedSlices.Add(new FeedSlice { SubscriptionId = subscription.Id, SnapshotKey = snapshotKey, Content = content, PublishedAt = publishedAt });
        }
        else
        {
            slice.Content = content;
            slice.PublishedAt = publishedAt;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Snapshot} published for {PublishedAt}: {Notices} subscription notice(s)")]
    private partial void LogNotices(string snapshot, DateTimeOffset publishedAt, int notices);
}
