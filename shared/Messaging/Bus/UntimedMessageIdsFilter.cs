using MassTransit;

namespace ChampionNetwork.Messaging.Bus;

/// <summary>
/// MassTransit names every message and conversation with a NewId, and a NewId carries the moment it was made to the
/// millisecond. On every send and publish this replaces a message id MassTransit generated (one we set ourselves,
/// such as an outbox event id, is kept) and gives a new conversation a random id, so no id on the wire dates the
/// message.
/// </summary>
public sealed class UntimedMessageIdsFilter : IFilter<SendContext>, IFilter<PublishContext>
{
    public Task Send(SendContext context, IPipe<SendContext> next)
    {
        Untime(context);
        return next.Send(context);
    }

    public Task Send(PublishContext context, IPipe<PublishContext> next)
    {
        Untime(context);
        return next.Send(context);
    }

    private static void Untime(SendContext context)
    {
        if (context.MessageId is { } messageId && IsGeneratedNewId(messageId, context.SentTime))
        {
            context.MessageId = Guid.NewGuid();
        }

        // MassTransit would start a conversation with NewId.NextGuid() right after this pipe.
        context.ConversationId ??= Guid.NewGuid();
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("untimedMessageIds");

    /// <summary>
    /// MassTransit's send context takes its message id from a NewId and its sent time from that NewId's timestamp:
    /// the two agree exactly only for the id MassTransit made.
    /// </summary>
    private static bool IsGeneratedNewId(Guid messageId, DateTime? sentTime) =>
        sentTime is { } sent && NewId.FromGuid(messageId).Timestamp == sent;
}
