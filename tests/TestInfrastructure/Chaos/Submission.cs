namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>How one submission ended, after any retries with its one token and one Idempotency-Key.</summary>
public enum Outcome
{
    /// <summary>202 with a receipt.</summary>
    Accepted,

    /// <summary>A retry answered 409 already-answered: an earlier attempt was stored (its reply was lost).</summary>
    AlreadyStored,

    /// <summary>Gave up after the last attempt: never acknowledged.</summary>
    Errored,
}

/// <summary>One submission's record: its key, final outcome, receipt (if any), attempts, and when it finished.</summary>
public sealed record Submission(string IdempotencyKey, Outcome Outcome, Guid? Receipt, int Attempts, string? LastError, TimeSpan FinishedAt)
{
    public bool Retried => Attempts > 1;
}
