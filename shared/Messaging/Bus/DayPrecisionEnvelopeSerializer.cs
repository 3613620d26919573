using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace ChampionNetwork.Messaging.Bus;

/// <summary>
/// MassTransit's JSON envelope (<c>application/vnd.masstransit+json</c>, so every consumer reads it as before) with
/// nothing finer than the day in it: <c>sentTime</c> is midnight UTC of the day the message is sent, and the
/// <c>host</c> block (machine name, process id, assembly versions) is left out. Receiving uses MassTransit's own
/// deserializer unchanged; a missing host reads as empty.
/// </summary>
public sealed class DayPrecisionEnvelopeSerializer(TimeProvider time) : IMessageSerializer
{
    public ContentType ContentType => SystemTextJsonMessageSerializer.JsonContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context) where T : class
    {
        var envelope = new JsonMessageEnvelope(context, context.Message)
        {
            SentTime = Day(time.GetUtcNow()),
            Host = null,
        };
        if (envelope.ExpirationTime is { } expires)
        {
            // A time to live would put send time + TTL in the envelope: round it up to the day as well.
            envelope.ExpirationTime = Day(expires.ToUniversalTime()).AddDays(1);
        }

        return new SystemTextJsonMessageBody<T>(context, SystemTextJsonMessageSerializer.Options, envelope);
    }

    private static DateTime Day(DateTimeOffset instant) => DateTime.SpecifyKind(instant.UtcDateTime.Date, DateTimeKind.Utc);

    private static DateTime Day(DateTime instant) => DateTime.SpecifyKind(instant.Date, DateTimeKind.Utc);
}

/// <summary>
/// Registers <see cref="DayPrecisionEnvelopeSerializer"/> in place of MassTransit's serializer for the same content
/// type; deserializing stays MassTransit's.
/// </summary>
public sealed class DayPrecisionEnvelopeSerializerFactory(TimeProvider time) : ISerializerFactory
{
    public ContentType ContentType => SystemTextJsonMessageSerializer.JsonContentType;

    public IMessageSerializer CreateSerializer() => new DayPrecisionEnvelopeSerializer(time);

    public IMessageDeserializer CreateDeserializer() => SystemTextJsonMessageSerializer.Instance;
}
