using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.Contracts;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>What a command did to the (tracked) case study: the changes are made; these say what else to store.</summary>
public sealed class WorkflowOutcome
{
    public WorkflowFailure? Failure { get; init; }

    public Edition? Edition { get; init; }

    /// <summary>The previous public edition, now superseded: stored before the newly published one.</summary>
    public Edition? Superseded { get; init; }

    public Edition? Deleted { get; init; }

    public Edition? Created { get; init; }

    public List<IIntegrationEvent> Events { get; } = [];

    public List<TransitionRecord> History { get; } = [];

    public bool Succeeded => Failure is null;

    public static WorkflowOutcome Failed(WorkflowFailure failure) => new() { Failure = failure };
}
