namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// A client's <c>Idempotency-Key</c> for one submission, so that a retry after a lost answer (a timeout, a dropped
/// connection) gets the first attempt's receipt instead of a second response or a 409. Stored as a keyed hash of the
/// champion, campaign and key with the receipt it was answered with; it names neither the champion nor the response.
/// </summary>
public sealed class SubmissionKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 200;

    public required byte[] KeyHash { get; init; }

    /// <summary>Kept so a campaign's keys can be purged once it has closed.</summary>
    public Guid CampaignId { get; init; }

    public Guid ReceiptId { get; init; }
}
