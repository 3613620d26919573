using System.Security.Claims;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Scheduling;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// <c>POST /api/case-studies/{id}/editions/{n}/{command}</c>: one endpoint for every command of
/// <see cref="WorkflowTable"/>, and <c>GET /api/case-studies/workflow</c>, the table itself.
/// </summary>
public static class TransitionsApi
{
    public static IEndpointRouteBuilder MapTransitionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/case-studies").WithTags("Workflow");

        api.MapGet("/workflow", GetWorkflow)
            .WithName("GetWorkflow")
            .WithSummary("The workflow table: every command, the state it applies to, the state it leads to, and who may give it")
            .AllowAnonymous();

        api.MapPost("/{caseStudyId:guid}/editions/{edition:int}/{command}", Transition)
            .WithName("TransitionEdition")
            .WithSummary("Give a command: submit, reject (note), approve, schedule (publishAt), unschedule, publish, force-publish (reason), withdraw (explanation), unwithdraw, unpublish (redirectTo), delete, redraft")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static Ok<List<WorkflowRuleView>> GetWorkflow() => TypedResults.Ok(WorkflowTable.Rules
        .Select(r => new WorkflowRuleView(
            r.Command.Name(),
            r.From.ToString(),
            r.To.ToString(),
            [.. Enum.GetValues<Capacity>().Where(c => c != Capacity.None && r.Who.HasFlag(c)).Select(c => c.ToString())],
            r.Condition == RuleCondition.None ? null : r.Condition.ToString()))
        .ToList());

    public static async Task<Results<Ok<CaseStudyView>, ValidationProblem, ProblemHttpResult>> Transition(
        Guid caseStudyId, int edition, string command, TransitionArguments? arguments, ClaimsPrincipal user, WorkflowRunner runner,
        ScheduledPublisher scheduler, AreaRegistry areas, CancellationToken cancellationToken)
    {
        if (!WorkflowCommands.TryParse(command, out var parsed))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["command"] = [$"'{command}' is not a command: one of {string.Join(", ", Enum.GetValues<WorkflowCommand>().Select(c => c.Name()))}."] },
                title: "Unknown command");
        }

        var actor = user.ToActor(areas);
        var (outcome, study) = await runner.RunAsync(caseStudyId, edition, parsed.Value, actor, arguments ?? new TransitionArguments(), cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        if (parsed is WorkflowCommand.Schedule or WorkflowCommand.Unschedule)
        {
            scheduler.Reschedule();
        }

        return TypedResults.Ok(study!.View(actor, await runner.ConsentAsync(caseStudyId, cancellationToken), areas));
    }
}
