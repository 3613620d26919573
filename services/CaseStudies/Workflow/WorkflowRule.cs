namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// One row of the workflow table: <see cref="Command"/> takes an edition from <see cref="From"/> to <see cref="To"/>
/// when the caller holds one of the capacities in <see cref="Who"/> and, where given, <see cref="Condition"/> holds.
/// </summary>
public sealed record WorkflowRule(WorkflowCommand Command, EditionState From, EditionState To, Capacity Who, RuleCondition Condition = RuleCondition.None);

public enum RuleCondition
{
    None,

    /// <summary>Only while the edition was force-published and no second reviewer has approved it since.</summary>
    ForcePublishFlagRaised,
}
