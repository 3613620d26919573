namespace ChampionNetwork.GoodPractice.Adoption;

/// <summary>"We adopted this": once per practice and adopting organisation.</summary>
public sealed class PracticeAdoption
{
    public Guid PracticeId { get; set; }

    public required string OrganisationCode { get; set; }

    public string? Note { get; set; }

    /// <summary>When the organisation says it adopted the practice, if it says.</summary>
    public DateOnly? AdoptedOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid EventId { get; set; }
}

/// <summary>An organisation vouches for a practice: once per practice and organisation.</summary>
public sealed class PracticeEndorsement
{
    public Guid PracticeId { get; set; }

    public required string OrganisationCode { get; set; }

    public DateTimeOffset EndorsedAt { get; set; }
}
