namespace ChampionNetwork.Surveys.Instruments;

/// <summary>A survey instrument: a title, and the versions published under it.</summary>
public sealed class Instrument
{
    public Guid Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
