using System.Diagnostics;
using System.Text.Json;
using ChampionNetwork.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.Messaging.Outbox;

public static class OutboxDbContextExtensions
{
    internal static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages an integration event in the outbox. It is stored by the same <c>SaveChangesAsync</c> (and
    /// transaction) as the change it reports, and published after commit.
    /// </summary>
    public static void AddIntegrationEvent<TEvent>(this DbContext db, TEvent integrationEvent) where TEvent : class, IIntegrationEvent
    {
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(
            integrationEvent.EventId,
            typeof(TEvent).FullName!,
            JsonSerializer.Serialize(integrationEvent, PayloadOptions),
            activity?.Id,
            activity?.TraceStateString));
    }

    /// <summary>Wakes the outbox relay as soon as a transaction with outbox rows commits.</summary>
    public static DbContextOptionsBuilder UseTransactionalOutbox(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>());
}
