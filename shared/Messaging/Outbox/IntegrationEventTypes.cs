using System.Collections.Frozen;
using ChampionNetwork.Contracts;

namespace ChampionNetwork.Messaging.Outbox;

/// <summary>
/// Maps the type names stored in the outbox back to contract types. Only types from the Contracts assembly
/// are admitted, so a row can never make the relay load an arbitrary type.
/// </summary>
public sealed class IntegrationEventTypes
{
    private readonly FrozenDictionary<string, Type> _byName = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    public Type Resolve(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Outbox row names an unknown event type '{name}'.");
}
