namespace ChampionNetwork.Portal.Features.Surveys;

/// <summary>What the portal reads of the Surveys API (its JSON, camel-case, enums as names).</summary>
public sealed record CampaignSummary(Guid Id, string Title, Guid InstrumentId, int InstrumentVersion, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string Status, int Organisations, int EligibleHeadcount)
{
    public bool IsOpen => string.Equals(Status, "open", StringComparison.OrdinalIgnoreCase);
}

public sealed record InvitedOrganisation(string OrganisationCode, string Name, int EligibleHeadcount);

public sealed record CampaignDetails(Guid Id, string Title, Guid InstrumentId, int InstrumentVersion, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string Status, IReadOnlyList<InvitedOrganisation> Organisations)
{
    public bool IsOpen => string.Equals(Status, "open", StringComparison.OrdinalIgnoreCase);
}

public sealed record InstrumentVersionDetails(Guid InstrumentId, string Title, int Version, DateTimeOffset PublishedAt, IReadOnlyList<InstrumentItem> Items);

public sealed record InstrumentItem(string Id, string Text, string Kind, string Pillar, IReadOnlyList<string> OutcomeCodes, bool Required, IReadOnlyList<string>? Options, IReadOnlyList<string>? Labels, int? Min, int? Max)
{
    /// <summary>The most characters a free-text answer may have (Surveys' InstrumentItem.MaxTextLength).</summary>
    public const int MaxTextLength = 2000;

    public bool IsFreeText => string.Equals(Kind, "FreeText", StringComparison.OrdinalIgnoreCase);

    /// <summary>The values a champion chooses from, each with its label: Likert 1-5, a 0-10 scale, or the options by index.</summary>
    public IReadOnlyList<(int Value, string Label)> Choices() => Kind.ToLowerInvariant() switch
    {
        "likert" => [.. Enumerable.Range(Min ?? 1, (Max ?? 5) - (Min ?? 1) + 1).Select((v, i) => (v, Labels is { } l && i < l.Count ? l[i] : v.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        "scale" => [.. Enumerable.Range(Min ?? 0, (Max ?? 10) - (Min ?? 0) + 1).Select(v => (v, v.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        "singlechoice" => [.. (Options ?? []).Select((o, i) => (i, o))],
        _ => [],
    };
}

public sealed record AnswerSubmission(string ItemId, int? Value, string? Text);

public sealed record ResponseSubmission(string OrganisationCode, IReadOnlyList<AnswerSubmission> Answers);

public sealed record ResponseReceipt(Guid ReceiptId);

public sealed record NewInstrument(string? Title, string? Description);

public sealed record InstrumentSummary(Guid Id, string Title, string? Description, IReadOnlyList<int> Versions, int? LatestVersion);

public sealed record NewInstrumentItem(string? Id, string? Text, string? Kind, string? Pillar, IReadOnlyList<string>? OutcomeCodes, bool Required, IReadOnlyList<string>? Options);

public sealed record NewInstrumentVersion(IReadOnlyList<NewInstrumentItem> Items);

public sealed record NewCampaignOrganisation(string? OrganisationCode, int? EligibleHeadcount);

public sealed record NewCampaign(string? Title, Guid? InstrumentId, int? InstrumentVersion, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, IReadOnlyList<NewCampaignOrganisation> Organisations);

public sealed record CreatedCampaign(Guid Id, string Title);
