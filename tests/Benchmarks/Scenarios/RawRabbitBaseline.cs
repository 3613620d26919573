using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// B-mq: raw RabbitMQ.Client 7 with the same JSON payload as <c>InsightSubmitted</c>: persistent messages on a durable
/// classic queue, up to 256 publisher confirms outstanding, a consumer with prefetch 200 acknowledging in batches.
/// </summary>
internal static class RawRabbitBaseline
{
    public const int OutstandingConfirms = 256;
    public const ushort Prefetch = 200;
    private const int AckEvery = 50;

    /// <summary>Publishes <paramref name="messages"/> and returns messages per second, first publish to last consume.</summary>
    public static async Task<double> ThroughputAsync(Uri amqp, int messages, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(SampleInsight.Create(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var queue = $"bmq-{Guid.NewGuid():N}";

        await using var consumerChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, Prefetch, false, cancellationToken);
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var count = ++consumed;
            if (count % AckEvery == 0 || count == messages)
            {
                await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: true, cancellationToken);
            }

            if (count == messages)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        await using var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };

        var clock = Stopwatch.StartNew();
        var inFlight = new Queue<ValueTask>(OutstandingConfirms);
        for (var i = 0; i < messages; i++)
        {
            if (inFlight.Count == OutstandingConfirms)
            {
                await inFlight.Dequeue();
            }

            inFlight.Enqueue(publisher.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, payload, cancellationToken));
        }

        while (inFlight.Count > 0)
        {
            await inFlight.Dequeue();
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var elapsed = clock.Elapsed;
        await consumerChannel.QueueDeleteAsync(queue, cancellationToken: cancellationToken);
        return messages / elapsed.TotalSeconds;
    }
}
