namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// An anonymous response as stored: no champion id, no IP, no user agent, and only the day it arrived.
/// Its id is random, so it gives away neither order nor time.
/// </summary>
public sealed class Response
{
    public Guid Id { get; init; }

    public Guid CampaignId { get; init; }

    public int InstrumentVersion { get; init; }

    public required string OrganisationCode { get; init; }

    public DateOnly SubmittedOn { get; init; }

    /// <summary>The id of the <c>InsightSubmitted</c> event, kept so that a replay republishes the same id.</summary>
    public Guid EventId { get; init; }

    public required IReadOnlyList<StoredAnswer> Answers { get; init; }
}

/// <summary>An answer as stored: a value for scale and choice items, redacted text for free text.</summary>
public sealed record StoredAnswer(string ItemId, int? Value, string? Text = null, IReadOnlyList<string>? Themes = null);
