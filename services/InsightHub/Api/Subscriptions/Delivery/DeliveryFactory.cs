using System.Text.Json;
using ChampionNetwork.InsightHub.Subscriptions.Data;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>Makes the deliveries: a notice at once, a digest of the waiting notices, a test-ping, an owner's notice.</summary>
public sealed class DeliveryFactory(UnsubscribeTokens tokens, NoticeBuilder notices, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SubscriptionOptions> options)
{
    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");

    /// <summary>Records a notice; for an immediate subscription, its delivery too (an e-mail is always a digest, of one here).</summary>
    public void AddNotice(InsightHubDb db, Subscription subscription, string kind, string snapshotKey, DateTimeOffset publishedAt, object data)
    {
        var now = clock.GetUtcNow();
        var notice = new Notice
        {
            Id = Guid.NewGuid(),
            SubscriptionId = subscription.Id,
            Kind = kind,
            SnapshotKey = snapshotKey,
            PublishedAt = publishedAt,
            Payload = NoticeJson.Envelope(kind, publishedAt, data),
            CreatedAt = now,
        };
        db.Notices.Add(notice);
        if (subscription.Cadence == SubscriptionCadence.Immediate)
        {
            var delivery = subscription.Channel == SubscriptionChannel.Webhook
                ? New(subscription, DeliveryKind.Notice, SubscriptionChannel.Webhook, notice.Payload, now)
                : Digest(subscription, [notice], now);
            db.Deliveries.Add(delivery);
            notice.DeliveryId = delivery.Id;
        }
    }

    public Delivery Digest(Subscription subscription, IReadOnlyList<Notice> waiting, DateTimeOffset now)
    {
        var entries = waiting.OrderBy(n => n.PublishedAt).ThenBy(n => n.CreatedAt).Select(n =>
        {
            var envelope = JsonSerializer.Deserialize<WebhookEnvelope>(n.Payload, NoticeJson.Options)!;
            return new DigestEntry(envelope.Type, envelope.Timestamp, envelope.Data);
        }).ToList();
        var data = new DigestData(subscription.Id, subscription.Cadence.ToString().ToLowerInvariant(), entries, UnsubscribeUrl(subscription.Id));
        var timestamp = entries.Count > 0 ? entries.Max(e => e.Timestamp) : now;
        return New(subscription, DeliveryKind.Digest, subscription.Channel, NoticeJson.Envelope(EventKinds.Digest, timestamp, data), now);
    }

    public Delivery Ping(Subscription subscription)
    {
        var now = clock.GetUtcNow();
        return New(subscription, DeliveryKind.Ping, subscription.Channel, NoticeJson.Envelope(EventKinds.Ping, now, new { subscriptionId = subscription.Id, unsubscribe = UnsubscribeUrl(subscription.Id) }), now);
    }

    public Delivery? OwnerNotice(Subscription subscription, string reason)
    {
        var to = subscription.ContactEmail ?? (subscription.Channel == SubscriptionChannel.Email ? subscription.Email : null);
        if (to is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return New(subscription, DeliveryKind.OwnerNotice, SubscriptionChannel.Email, NoticeJson.Envelope(EventKinds.EndpointDisabled, now, new
        {
            subscriptionId = subscription.Id,
            name = subscription.Name,
            webhookUrl = subscription.WebhookUrl,
            reason,
            disabledAt = now,
            manage = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/subscriptions/{subscription.Id:D}",
        }), now);
    }

    public string UnsubscribeUrl(Guid subscriptionId) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/subscriptions/unsubscribe?token={tokens.Create(subscriptionId)}";

    public FeedLinks FeedLinks(Guid? campaignId) => notices.Links(campaignId, ReferenceData.AreaCode.Scotland.Value);

    private static Delivery New(Subscription subscription, DeliveryKind kind, SubscriptionChannel channel, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        SubscriptionId = subscription.Id,
        MessageId = NewMessageId(),
        Kind = kind,
        Channel = channel,
        Payload = payload,
        Status = DeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}
