namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// The one place that answers "which transitions are legal from here, and for whom". Everything else (the API, the
/// scheduler, consent withdrawal, the 409's list of allowed transitions, GET /api/case-studies/workflow) asks it.
/// A pair of command and state that has no row here is illegal (409); a row whose <see cref="WorkflowRule.Who"/>
/// the caller lacks is forbidden (403).
/// </summary>
public static class WorkflowTable
{
    private const Capacity Editors = Capacity.Editor | Capacity.Admin;
    private const Capacity Reviewers = Capacity.Reviewer | Capacity.Admin;

    public static IReadOnlyList<WorkflowRule> Rules { get; } =
    [
        new(WorkflowCommand.Submit, EditionState.Draft, EditionState.Submitted, Editors),
        new(WorkflowCommand.Submit, EditionState.Rejected, EditionState.Submitted, Editors),
        new(WorkflowCommand.Reject, EditionState.Submitted, EditionState.Rejected, Reviewers),
        new(WorkflowCommand.Approve, EditionState.Submitted, EditionState.Approved, Reviewers),
        // Retrospective approval of a force-published edition: it stays published and loses its flag.
        new(WorkflowCommand.Approve, EditionState.Published, EditionState.Published, Reviewers, RuleCondition.ForcePublishFlagRaised),
        new(WorkflowCommand.Schedule, EditionState.Approved, EditionState.Scheduled, Reviewers),
        // The scheduler unschedules an edition whose quoted person withdrew consent before its time came.
        new(WorkflowCommand.Unschedule, EditionState.Scheduled, EditionState.Approved, Reviewers | Capacity.Service),
        new(WorkflowCommand.Publish, EditionState.Approved, EditionState.Published, Reviewers),
        new(WorkflowCommand.Publish, EditionState.Scheduled, EditionState.Published, Capacity.Service),
        new(WorkflowCommand.ForcePublish, EditionState.Draft, EditionState.Published, Reviewers),
        new(WorkflowCommand.ForcePublish, EditionState.Submitted, EditionState.Published, Reviewers),
        // The service withdraws a published edition itself when a person it quotes withdraws consent.
        new(WorkflowCommand.Withdraw, EditionState.Published, EditionState.Withdrawn, Editors | Reviewers | Capacity.Service),
        new(WorkflowCommand.Unwithdraw, EditionState.Withdrawn, EditionState.Published, Reviewers),
        new(WorkflowCommand.Unpublish, EditionState.Published, EditionState.Unpublished, Capacity.Admin),
        new(WorkflowCommand.Unpublish, EditionState.Withdrawn, EditionState.Unpublished, Capacity.Admin),
        // Before publication only; the edition's row goes, its transitions stay in the history.
        new(WorkflowCommand.Delete, EditionState.Draft, EditionState.Draft, Editors),
        new(WorkflowCommand.Delete, EditionState.Submitted, EditionState.Submitted, Editors),
        new(WorkflowCommand.Delete, EditionState.Rejected, EditionState.Rejected, Editors),
        new(WorkflowCommand.Delete, EditionState.Approved, EditionState.Approved, Editors),
        // The published (or withdrawn) edition stays as it is; a draft of the next edition is made beside it.
        new(WorkflowCommand.Redraft, EditionState.Published, EditionState.Published, Editors),
        new(WorkflowCommand.Redraft, EditionState.Withdrawn, EditionState.Withdrawn, Editors),
    ];

    /// <summary>Publishing an edition moves the case study's previous public edition here; no command does.</summary>
    public static IReadOnlyList<EditionState> SupersededFrom { get; } = [EditionState.Published, EditionState.Withdrawn];

    /// <summary>States in which an edition is the one the public page shows.</summary>
    public static IReadOnlyList<EditionState> Public { get; } = [EditionState.Published, EditionState.Withdrawn];

    /// <summary>States of an edition still being worked on: a case study has at most one.</summary>
    public static IReadOnlyList<EditionState> Open { get; } =
        [EditionState.Draft, EditionState.Submitted, EditionState.Rejected, EditionState.Approved, EditionState.Scheduled];

    /// <summary>States in which an edition's content may still be edited (by its organisation's editors or an admin).</summary>
    public static IReadOnlyList<EditionState> Editable { get; } = [EditionState.Draft, EditionState.Rejected];

    /// <summary>The row for a command from a state, whatever the caller; null when the state forbids it.</summary>
    public static WorkflowRule? Find(WorkflowCommand command, EditionState from, bool forcePublishFlagRaised) =>
        Rules.FirstOrDefault(r => r.Command == command && r.From == from
            && (r.Condition != RuleCondition.ForcePublishFlagRaised || forcePublishFlagRaised));

    /// <summary>The commands this caller may give from this state.</summary>
    public static IReadOnlyList<WorkflowCommand> AllowedFrom(EditionState from, bool forcePublishFlagRaised, Capacity capacities) =>
        [.. Rules
            .Where(r => r.From == from && (r.Who & capacities) != 0
                && (r.Condition != RuleCondition.ForcePublishFlagRaised || forcePublishFlagRaised))
            .Select(r => r.Command)
            .Distinct()];
}
