using System.Collections.Concurrent;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.TestInfrastructure.Hosting;
using MassTransit;

namespace ChampionNetwork.TestInfrastructure.Messaging;

/// <summary>
/// Listens on a test's own vhost and keeps every event of the recorded types that crosses the real broker, so a test
/// can assert on what was published. Start it before the events are published: its queue binds on start.
/// </summary>
public sealed class EventRecorder(Uri eventBus) : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private readonly List<Action<IRabbitMqReceiveEndpointConfigurator>> _handlers = [];
    private IBusControl? _bus;

    public EventRecorder Record<T>() where T : class
    {
        _handlers.Add(endpoint => endpoint.Handler<T>(context =>
        {
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        return this;
    }

    public async Task<EventRecorder> StartAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = RabbitMqEndpoint.Parse(eventBus.ToString());
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, host =>
            {
                host.Username(endpoint.Username);
                host.Password(endpoint.Password);
            });
            rabbit.ReceiveEndpoint($"event-recorder-{Guid.NewGuid():N}", receive =>
            {
                receive.AutoDelete = true;
                receive.Durable = false;
                // One at a time, so the recorded order is the order the broker delivered.
                receive.PrefetchCount = 1;
                receive.ConcurrentMessageLimit = 1;
                foreach (var handler in _handlers)
                {
                    handler(receive);
                }
            });
        });
        await _bus.StartAsync(cancellationToken);
        return this;
    }

    /// <summary>Every recorded event, in the order it arrived.</summary>
    public IReadOnlyList<object> All => _received.ToList();

    public IReadOnlyList<T> Received<T>() => _received.OfType<T>().ToList();

    public Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>, bool> condition, TimeSpan? timeout = null, string? because = null) =>
        Eventually.Returns(() => Task.FromResult(Received<T>()), condition, timeout, because ?? $"for {typeof(T).Name} events");

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }
    }
}
