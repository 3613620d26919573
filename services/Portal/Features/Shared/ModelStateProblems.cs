using ChampionNetwork.Portal.Apis;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ChampionNetwork.Portal.Features.Shared;

/// <summary>Puts an API's problem into the page's ModelState: each field error against the form field it names.</summary>
public static class ModelStateProblems
{
    /// <param name="field">The form field and its label for an API field path (e.g. <c>answers[2].value</c>); null for none.</param>
    public static void AddProblem(this ModelStateDictionary modelState, ApiProblem problem, Func<string, (string Field, string Label)?> field)
    {
        if (problem.Errors.Count == 0)
        {
            modelState.AddModelError(string.Empty, problem.Detail is { Length: > 0 } detail ? $"{problem.Title}: {detail}" : problem.Title);
            return;
        }

        foreach (var (path, messages) in problem.Errors)
        {
            var target = field(path);
            foreach (var message in messages)
            {
                if (target is { } known)
                {
                    modelState.AddModelError(known.Field, $"{known.Label}: {message}");
                }
                else
                {
                    modelState.AddModelError(string.Empty, message);
                }
            }
        }
    }

    public static string? ErrorOf(this ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
