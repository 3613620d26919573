using System.Diagnostics;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using MassTransit;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// MassTransit publish to consume of <c>InsightSubmitted</c> on the same broker, with publisher confirms and in-memory
/// retry as the product has them, at a given prefetch and concurrency, with MassTransit's JSON envelope or raw JSON,
/// and consumed one at a time or in batches (<c>InsightSubmitted</c> is order-insensitive: the grains deduplicate and
/// sum).
/// </summary>
/// <summary>One way of configuring the consumer: batches of <see cref="Batch"/> where more than one.</summary>
internal sealed record MassTransitVariant(string Name, int Prefetch, int Concurrency, bool RawJson = false, int Batch = 1);

internal static class MassTransitTransport
{
    public static async Task<double> ThroughputAsync(Uri amqp, int messages, MassTransitVariant variant, CancellationToken cancellationToken)
    {
        var (_, prefetch, concurrency, rawJson, batch) = variant;
        var endpoint = RabbitMqEndpoint.Parse(amqp.ToString());
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = $"mt-{prefetch}-{Guid.NewGuid():N}";
        void Count(int n)
        {
            if (Interlocked.Add(ref consumed, n) == messages)
            {
                done.TrySetResult();
            }
        }

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, host =>
            {
                host.Username(endpoint.Username);
                host.Password(endpoint.Password);
                host.PublisherConfirmation = true;
            });
            if (rawJson)
            {
                rabbit.UseRawJsonSerializer(RawSerializerOptions.AddTransportHeaders, isDefault: true);
            }

            rabbit.ReceiveEndpoint(queue, receive =>
            {
                receive.PrefetchCount = prefetch;
                receive.ConcurrentMessageLimit = concurrency;
                receive.AutoDelete = true;
                receive.UseMessageRetry(r => r.Intervals(50, 200, 1000));
                if (batch > 1)
                {
                    // Batches of up to `batch`, as many at once as the prefetch holds; a short time limit, since a
                    // release arrives all at once.
                    receive.Batch<InsightSubmitted>(b =>
                    {
                        b.MessageLimit = batch;
                        b.TimeLimit = TimeSpan.FromMilliseconds(5);
                        b.ConcurrencyLimit = Math.Max(1, prefetch / batch);
                        b.Consumer<CountingBatchConsumer, InsightSubmitted>(() => new CountingBatchConsumer(Count));
                    });
                }
                else
                {
                    receive.Handler<InsightSubmitted>(_ =>
                    {
                        Count(1);
                        return Task.CompletedTask;
                    });
                }
            });
        });

        await bus.StartAsync(cancellationToken);
        try
        {
            var insight = SampleInsight.Create();
            var clock = Stopwatch.StartNew();
            var inFlight = new Queue<Task>(RawRabbitBaseline.OutstandingConfirms);
            for (var i = 0; i < messages; i++)
            {
                if (inFlight.Count == RawRabbitBaseline.OutstandingConfirms)
                {
                    await inFlight.Dequeue();
                }

                inFlight.Enqueue(bus.Publish(insight with { EventId = Guid.NewGuid() }, cancellationToken));
            }

            await Task.WhenAll(inFlight);
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return messages / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }
}

internal sealed class CountingBatchConsumer(Action<int> count) : IConsumer<Batch<InsightSubmitted>>
{
    public Task Consume(ConsumeContext<Batch<InsightSubmitted>> context)
    {
        count(context.Message.Length);
        return Task.CompletedTask;
    }
}
