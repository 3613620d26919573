using System.Diagnostics;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using MassTransit;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// MassTransit publish to consume of <c>InsightSubmitted</c> on the same broker, with publisher confirms and in-memory
/// retry as the product has them, at a given prefetch and concurrency, with MassTransit's JSON envelope or raw JSON.
/// </summary>
internal static class MassTransitTransport
{
    public static async Task<double> ThroughputAsync(Uri amqp, int messages, int prefetch, int concurrency, bool rawJson, CancellationToken cancellationToken)
    {
        var endpoint = RabbitMqEndpoint.Parse(amqp.ToString());
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = $"mt-{prefetch}-{Guid.NewGuid():N}";
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
                receive.Handler<InsightSubmitted>(_ =>
                {
                    if (Interlocked.Increment(ref consumed) == messages)
                    {
                        done.TrySetResult();
                    }

                    return Task.CompletedTask;
                });
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
