namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>Where an edition of a case study stands, as GOV.UK's Whitehall publisher names the states.</summary>
public enum EditionState
{
    Draft,
    Submitted,
    Rejected,
    Approved,
    Scheduled,
    Published,
    Superseded,
    Withdrawn,
    Unpublished,
}
