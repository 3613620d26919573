namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// One line of a case study's history: who did what to which edition, when and why. Kept when an edition is deleted.
/// </summary>
public sealed class TransitionRecord
{
    public long Id { get; set; }

    public Guid CaseStudyId { get; set; }

    public int Edition { get; set; }

    /// <summary>A command's wire name, or "create", "edit", "supersede", "consent-withdrawn".</summary>
    public required string Command { get; set; }

    public EditionState? FromState { get; set; }

    public EditionState? ToState { get; set; }

    public required string Actor { get; set; }

    /// <summary>The capacities the actor acted in, e.g. "Reviewer, Admin".</summary>
    public required string ActedAs { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }
}
