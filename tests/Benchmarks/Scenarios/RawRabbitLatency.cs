using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.RateLimiting;
using HdrHistogram;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// B-mq latency: the raw RabbitMQ.Client baseline's setup, publishing at a fixed rate, evenly spaced or in bursts;
/// each message timed from its due time to its consumption.
/// </summary>
internal static class RawRabbitLatency
{
    public static async Task<LongHistogram> RunAsync(Uri amqp, int count, double perSecond, CancellationToken cancellationToken, TimeSpan? inBurstsEvery = null)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(SampleInsight.Create(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var queue = $"bmq-latency-{Guid.NewGuid():N}";
        await using var consumerChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, RawRabbitBaseline.Prefetch, false, cancellationToken);

        var clock = Stopwatch.StartNew();
        long[] due = [];
        var dueReady = new TaskCompletionSource();
        var received = new long[count];
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var index = BinaryPrimitives.ReadInt32LittleEndian(delivery.Body.Span[^4..]);
            received[index] = clock.ElapsedTicks;
            var n = ++consumed;
            if (n % 10 == 0 || n == count)
            {
                await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: true, cancellationToken);
            }

            if (n == count)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        await using var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: ConfirmLimiter(inBurstsEvery is not null)),
            cancellationToken);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        due = await OpenLoad.RunAsync(count, perSecond, clock, async i =>
        {
            var body = new byte[payload.Length + 4];
            payload.CopyTo(body, 0);
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(payload.Length), i);
            await publisher.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body, cancellationToken);
        }, cancellationToken, inBurstsEvery);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        await consumerChannel.QueueDeleteAsync(queue, cancellationToken: cancellationToken);

        var histogram = Latencies.NewHistogram();
        for (var i = 0; i < count; i++)
        {
            histogram.RecordValue(Latencies.Microseconds(received[i] - due[i]));
        }

        return histogram;
    }

    /// <summary>
    /// The client's throttling limiter delays a publish by up to a second once half its permits are taken, which a
    /// burst does at once; nothing throttles a release so, so a burst has a plain limit on confirms outstanding.
    /// </summary>
    private static RateLimiter ConfirmLimiter(bool bursts) => bursts
        ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 4 * RawRabbitBaseline.OutstandingConfirms, QueueLimit = int.MaxValue })
        : new ThrottlingRateLimiter(RawRabbitBaseline.OutstandingConfirms);
}
