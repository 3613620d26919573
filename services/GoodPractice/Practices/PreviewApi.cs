using ChampionNetwork.Markdown;
using ChampionNetwork.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>Body of <c>POST /api/practices/preview</c>: Markdown as an editor typed it.</summary>
public sealed record PreviewRequest(string? Body);

/// <summary>The body as a practice would show it: the same Markdown rendering and sanitising, nothing stored.</summary>
public sealed record PreviewResult(string BodyHtml);

public static class PreviewApi
{
    public static IEndpointRouteBuilder MapPreviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/practices").WithTags("Practices")
            .MapPost("/preview", Preview)
            .WithName("PreviewPracticeBody")
            .WithSummary("Render a Markdown body exactly as a shared practice would show it, without storing anything (org-editor)")
            .RequireAuthorization(Policies.OrgEditor)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static Results<Ok<PreviewResult>, ValidationProblem> Preview(PreviewRequest request, MarkdownRenderer markdown)
    {
        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Length > PracticeLimits.Body)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"The body is 1 to {PracticeLimits.Body:N0} characters of Markdown."] });
        }

        return TypedResults.Ok(new PreviewResult(markdown.Render(request.Body).Html));
    }
}
