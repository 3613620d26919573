namespace ChampionNetwork.Messaging.Outbox;

/// <summary>
/// An integration event waiting in the producer's own database to be published. It is written in the same
/// transaction as the change it reports, so the two are committed or lost together.
/// </summary>
/// <remarks>
/// It deliberately has no creation timestamp: for anonymous responses the exact time of submission must not be
/// recoverable from the database. <see cref="Sequence"/> gives the order. A row is deleted once the broker has
/// confirmed it, in the relay's transaction, so no published event stays behind to be read.
/// </remarks>
public sealed class OutboxMessage
{
    /// <summary>Commit order; the relay publishes in this order.</summary>
    public long Sequence { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>Full name of the contract type, resolved by <see cref="IntegrationEventTypes"/>.</summary>
    public string EventType { get; private set; } = "";

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; } = "";

    /// <summary>W3C traceparent of the activity that staged the event, so the publish joins its trace.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    private OutboxMessage()
    {
    }

    internal static OutboxMessage Create(Guid eventId, string eventType, string payload, string? traceParent, string? traceState) => new()
    {
        EventId = eventId,
        EventType = eventType,
        Payload = payload,
        TraceParent = traceParent,
        TraceState = traceState,
    };

    internal void RecordFailure(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}
