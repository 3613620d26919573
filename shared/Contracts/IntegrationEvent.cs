namespace ChampionNetwork.Contracts;

/// <summary>
/// Every integration event is an immutable record with its own id and the time it happened.
/// Add fields, never rename or retype them; a breaking change is a new record (<c>...V2</c>).
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
