using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// When each <c>InsightSubmitted</c> left Surveys: a queue of this process's own, bound to the event's exchange
/// (MassTransit's <c>ChampionNetwork.Contracts.Surveys:InsightSubmitted</c>), timestamps every copy on arrival. The
/// consumer sees the same publication at about the same moment, so this starts the clock after the release, the
/// outbox relay and the broker, where the grains' part begins.
/// </summary>
internal sealed class BusTap : IAsyncDisposable
{
    public const string Exchange = "ChampionNetwork.Contracts.Surveys:InsightSubmitted";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly List<long> _arrivals = [];
    private Stopwatch? _clock;

    private BusTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<BusTap> StartAsync(Uri amqp, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = await channel.QueueDeclareAsync($"bench-bus-tap-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.QueueName, Exchange, routingKey: "", cancellationToken: cancellationToken);
        var tap = new BusTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            lock (tap._arrivals)
            {
                if (tap._clock is { } clock)
                {
                    tap._arrivals.Add(clock.ElapsedTicks);
                }
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
        return tap;
    }

    /// <summary>From now, arrivals are timed on <paramref name="clock"/>; earlier ones are forgotten.</summary>
    public void Start(Stopwatch clock)
    {
        lock (_arrivals)
        {
            _arrivals.Clear();
            _clock = clock;
        }
    }

    /// <summary>Arrival times since <see cref="Start"/>, in order.</summary>
    public long[] Arrivals()
    {
        lock (_arrivals)
        {
            _clock = null;
            return [.. _arrivals];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
