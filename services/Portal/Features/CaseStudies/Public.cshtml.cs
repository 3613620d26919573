using ChampionNetwork.Portal.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>A published case study as the public reads it; a withdrawn one stays, under its banner.</summary>
public sealed class PublicModel(CaseStudiesClient caseStudies) : PageModel
{
    public PublicCaseStudy? Study { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var study = await caseStudies.PublicAsync(slug, ct);
        if (study.Problem is { } problem)
        {
            return problem.Status == System.Net.HttpStatusCode.NotFound ? NotFound() : StatusCode((int)problem.Status);
        }

        Study = study.Value;
        return Page();
    }
}
