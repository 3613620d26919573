namespace ChampionNetwork.Surveys.Instruments;

/// <summary>Body of <c>POST /api/instruments</c>.</summary>
public sealed record NewInstrument(string? Title, string? Description);

/// <summary>
/// Body of <c>POST /api/instruments/{id}/versions</c>: publishes the next version (or exactly <see cref="Version"/>,
/// which must not be published already).
/// </summary>
public sealed record NewInstrumentVersion(int? Version, IReadOnlyList<NewInstrumentItem>? Items);

public sealed record NewInstrumentItem(
    string? Id,
    string? Text,
    ItemKind? Kind,
    string? Pillar,
    IReadOnlyList<string>? OutcomeCodes,
    bool Required = false,
    IReadOnlyList<string>? Options = null);

public sealed record InstrumentSummary(Guid Id, string Title, string? Description, IReadOnlyList<int> Versions, int? LatestVersion);

public sealed record InstrumentVersionDetails(Guid InstrumentId, string Title, int Version, DateTimeOffset PublishedAt, IReadOnlyList<InstrumentItemDetails> Items);

public sealed record InstrumentItemDetails(
    string Id,
    string Text,
    ItemKind Kind,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    bool Required,
    IReadOnlyList<string>? Options,
    IReadOnlyList<string>? Labels,
    int? Min,
    int? Max)
{
    public static InstrumentItemDetails From(InstrumentItem item) => new(
        item.Id,
        item.Text,
        item.Kind,
        item.Pillar,
        item.OutcomeCodes,
        item.Required,
        item.Options,
        item.Kind == ItemKind.Likert ? InstrumentItem.LikertLabels : null,
        item.ValueRange?.Min,
        item.ValueRange?.Max);
}
