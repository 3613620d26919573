namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// A client's <c>Idempotency-Key</c> for one submission, so that a retry after a lost answer (a timeout, a dropped
/// connection) gets the same receipt instead of a 409. Only its keyed tag is kept, on the champion's ledger row.
/// </summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 200;
}
