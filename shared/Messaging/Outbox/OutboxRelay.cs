using System.Diagnostics;
using System.Text.Json;
using ChampionNetwork.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in commit order (runs of order-insensitive events concurrently), waiting
/// for the broker's confirm before deleting the row, in the relay's own transaction: no published event stays in the
/// database. If the process dies after commit and before publish, the row is still pending and goes out after restart;
/// if it dies after publish and before the delete commits, the event goes out twice, which consumers absorb because
/// they deduplicate on the event id. One relay per database is active at a time (a PostgreSQL advisory lock), so
/// several instances of a service keep the order.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IntegrationEventTypes eventTypes,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly ActivitySource Source = new("ChampionNetwork");

    // Any fixed 64-bit number shared by every instance of the service; "outbox" in ASCII.
    private const long RelayLockKey = 0x6F7574626F78;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishPendingAsync(settings, stoppingToken);
                backoff = TimeSpan.Zero;
                if (published == settings.BatchSize)
                {
                    continue;
                }

                await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollIntervalMs), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(settings.MinBackoffMs)
                    : TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, settings.MaxBackoffMs));
                LogRelayFailed(ex, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> PublishPendingAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var holdsLock = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!holdsLock)
        {
            return 0;
        }

        var pending = await db.Set<OutboxMessage>()
            .OrderBy(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var (published, failure) = await PublishInOrderAsync(db, pending, settings, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (published > 0)
        {
            LogPublished(published);
        }

        return failure is null ? published : throw new OutboxPublishException(failure);
    }

    /// <summary>
    /// Publishes in commit order. A run of order-insensitive events (<see cref="IOrderInsensitiveEvent"/>) goes out
    /// concurrently, up to <see cref="OutboxOptions.MaxConcurrentPublishes"/> confirms outstanding; any other event
    /// waits for everything before it and goes out alone. At the first failure nothing later is started, so no event
    /// ever overtakes an earlier order-sensitive one.
    /// </summary>
    private async Task<(int Published, Exception? Failure)> PublishInOrderAsync(TContext db, List<OutboxMessage> pending, OutboxOptions settings, CancellationToken cancellationToken)
    {
        var published = 0;
        Exception? failure = null;
        var inFlight = new List<(OutboxMessage Message, Task Publish)>();

        async Task DrainAsync()
        {
            foreach (var (message, publish) in inFlight)
            {
                try
                {
                    await publish;
                    db.Remove(message);
                    published++;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    message.RecordFailure(ex.Message);
                    failure ??= ex;
                }
            }

            inFlight.Clear();
        }

        foreach (var message in pending)
        {
            var concurrent = typeof(IOrderInsensitiveEvent).IsAssignableFrom(eventTypes.Resolve(message.EventType));
            if (!concurrent || inFlight.Count >= settings.MaxConcurrentPublishes)
            {
                await DrainAsync();
            }

            if (failure is not null)
            {
                break;
            }

            inFlight.Add((message, PublishAsync(message, settings, cancellationToken)));
            if (!concurrent)
            {
                await DrainAsync();
            }
        }

        await DrainAsync();
        return (published, failure);
    }

    private async Task PublishAsync(OutboxMessage message, OutboxOptions settings, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = Source.StartActivity("outbox publish", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.EventId);
        activity?.SetTag("championnetwork.event_type", message.EventType);

        var type = eventTypes.Resolve(message.EventType);
        var payload = JsonSerializer.Deserialize(message.Payload, type, OutboxDbContextExtensions.PayloadOptions)
            ?? throw new InvalidOperationException($"Outbox row {message.Sequence} has an empty payload.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeoutMs);
        await bus.Publish(payload, type, context => context.MessageId = message.EventId, timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox relay published {Count} event(s)")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish; retrying in {BackoffMs} ms")]
    private partial void LogRelayFailed(Exception exception, double backoffMs);
}

public sealed class OutboxPublishException(Exception inner) : Exception("Publishing an outbox event failed: " + inner.Message, inner);
