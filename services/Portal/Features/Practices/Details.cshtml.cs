using System.Globalization;
using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Practices;

/// <summary>One practice, who adopted it, and "we adopted this" for an organisation editor.</summary>
public sealed class DetailsModel(GoodPracticeClient practices) : PageModel
{
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? AdoptedOn { get; set; }

    public PracticeDetails? Practice { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public bool JustShared => Request.Query.ContainsKey("shared");

    public bool JustAdopted => Request.Query.ContainsKey("adopted");

    public async Task<IActionResult> OnGetAsync(Guid practiceId, CancellationToken ct) => await LoadAsync(practiceId, ct);

    public async Task<IActionResult> OnPostAdoptAsync(Guid practiceId, CancellationToken ct)
    {
        DateOnly? adoptedOn = null;
        if (!string.IsNullOrWhiteSpace(AdoptedOn))
        {
            if (DateOnly.TryParseExact(AdoptedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                adoptedOn = date;
            }
            else
            {
                ModelState.AddModelError(nameof(AdoptedOn), "Date adopted: enter a date such as 2026-11-30.");
            }
        }

        if (ModelState.IsValid)
        {
            var adopted = await practices.AdoptAsync(practiceId, new AdoptionSubmission(Note, adoptedOn), ct);
            if (adopted.Problem is null)
            {
                return Redirect($"/practices/{practiceId}?adopted=1");
            }

            ModelState.AddProblem(adopted.Problem, path => path.ToLowerInvariant() switch
            {
                "note" => (nameof(Note), "Note"),
                "adoptedon" => (nameof(AdoptedOn), "Date adopted"),
                _ => null,
            });
        }

        return await LoadAsync(practiceId, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid practiceId, CancellationToken ct)
    {
        var practice = await practices.PracticeAsync(practiceId, ct);
        if (practice.Problem?.Status == System.Net.HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        Practice = practice.Value;
        Problem = practice.Problem;
        return Page();
    }
}
