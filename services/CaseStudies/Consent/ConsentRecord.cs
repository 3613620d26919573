namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>
/// A consent given or withdrawn by (or for) a person a case study quotes. Records are only ever added: the latest for
/// a person is their consent now, and the earlier ones are its history.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }

    public Guid CaseStudyId { get; set; }

    public required string PersonKey { get; set; }

    public bool Given { get; set; }

    /// <summary>Who gave (or withdrew) it: the person, or e.g. their parent.</summary>
    public string? GivenBy { get; set; }

    /// <summary>When it was given or withdrawn, as the person did it (not when it was typed in).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What it covers: <see cref="ConsentUses"/>.</summary>
    public List<string> Uses { get; set; } = [];

    public string? Note { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
