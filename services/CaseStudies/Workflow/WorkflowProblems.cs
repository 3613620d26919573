using Microsoft.AspNetCore.Http.HttpResults;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>A refused command as RFC 9457 problem details: the status, the current state, the allowed commands, the field.</summary>
public static class WorkflowProblems
{
    public const string IllegalTransitionType = "https://championnetwork.scot/problems/illegal-transition";
    public const string ConsentRequiredType = "https://championnetwork.scot/problems/consent-required";
    public const string ConflictType = "https://championnetwork.scot/problems/case-study-conflict";

    public static ProblemHttpResult ToProblem(this WorkflowFailure failure)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (failure.CurrentState is { } state)
        {
            extensions["currentState"] = state.ToString();
        }

        if (failure.Allowed is { } allowed)
        {
            extensions["allowedTransitions"] = allowed.Select(c => c.Name()).ToList();
        }

        if (failure.Field is { } field)
        {
            extensions["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [failure.Detail] };
        }

        if (failure.PeopleLackingConsent is { } people)
        {
            extensions["peopleLackingConsent"] = people;
        }

        var (status, type) = failure.Kind switch
        {
            FailureKind.NotFound => (StatusCodes.Status404NotFound, (string?)null),
            FailureKind.Forbidden => (StatusCodes.Status403Forbidden, null),
            FailureKind.IllegalTransition => (StatusCodes.Status409Conflict, IllegalTransitionType),
            FailureKind.ConsentRequired => (StatusCodes.Status409Conflict, ConsentRequiredType),
            FailureKind.Conflict => (StatusCodes.Status409Conflict, ConflictType),
            _ => (StatusCodes.Status400BadRequest, "https://tools.ietf.org/html/rfc9110#section-15.5.1"),
        };
        return TypedResults.Problem(statusCode: status, title: failure.Title, detail: failure.Detail, type: type, extensions: extensions);
    }
}
