using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.SignIn;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>Published case studies for everyone; for editors and reviewers, the ones they work on, with each edition's state.</summary>
public sealed class IndexModel(CaseStudiesClient caseStudies) : PageModel
{
    public IReadOnlyList<PublicCaseStudy> Published { get; private set; } = [];

    public IReadOnlyList<CaseStudySummary> Working { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var published = await caseStudies.PublishedAsync(ct);
        Published = published.Value ?? [];
        Problem = published.Problem;
        if (PortalUser.Of(User) is { } user && (user.Is("org-editor") || user.Is("reviewer") || user.Is("admin")))
        {
            var working = await caseStudies.ListAsync(ct);
            Working = working.Value ?? [];
            Problem ??= working.Problem;
        }
    }
}
