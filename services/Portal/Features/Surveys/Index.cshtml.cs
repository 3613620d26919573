using ChampionNetwork.Portal.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Surveys;

[Authorize(Roles = "champion")]
public sealed class IndexModel(SurveysClient surveys) : PageModel
{
    public IReadOnlyList<CampaignSummary> Open { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var open = await surveys.CampaignsAsync("open", ct);
        Open = open.Value ?? [];
        Problem = open.Problem;
    }
}
