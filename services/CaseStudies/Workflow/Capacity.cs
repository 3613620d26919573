namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>In what capacity a caller acts on one case study. A caller may hold several (an admin who reviews).</summary>
[Flags]
public enum Capacity
{
    None = 0,

    /// <summary>An org-editor of the case study's own organisation.</summary>
    Editor = 1,

    Reviewer = 2,

    Admin = 4,

    /// <summary>The service itself: publishing what was scheduled, and acting on consent withdrawn.</summary>
    Service = 8,
}
