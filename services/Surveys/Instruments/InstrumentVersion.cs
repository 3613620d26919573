namespace ChampionNetwork.Surveys.Instruments;

/// <summary>A published, immutable version of an instrument. A change makes a new version.</summary>
public sealed class InstrumentVersion
{
    public Guid InstrumentId { get; init; }

    public int Version { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<InstrumentItem> Items { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public InstrumentItem? FindItem(string? itemId) => Items.FirstOrDefault(i => string.Equals(i.Id, itemId, StringComparison.Ordinal));
}
