namespace ChampionNetwork.CaseStudies.Workflow;

public enum FailureKind
{
    NotFound,
    Forbidden,
    IllegalTransition,
    Invalid,
    ConsentRequired,
    Conflict,
}

/// <summary>Why a command was refused, with what a problem details body names: the state, the allowed commands, the field.</summary>
public sealed record WorkflowFailure(
    FailureKind Kind,
    string Title,
    string Detail,
    EditionState? CurrentState = null,
    IReadOnlyList<WorkflowCommand>? Allowed = null,
    string? Field = null,
    IReadOnlyList<string>? PeopleLackingConsent = null);
