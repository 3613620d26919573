using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Surveys;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Insight;

/// <summary>
/// An area's dashboard: Scotland, then a board, then an organisation. Only what the feed publishes is shown, each
/// figure with its qualifier; the questions' wording comes from the campaign's instrument version.
/// </summary>
[Authorize(Roles = "policy-analyst,admin")]
public sealed class AreaModel(InsightClient insight, SurveysClient surveys) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Campaign { get; set; }

    public AreaFeed? Feed { get; private set; }

    public CampaignFigures? Shown { get; private set; }

    public IReadOnlyDictionary<string, InstrumentItem> Items { get; private set; } = new Dictionary<string, InstrumentItem>();

    public IReadOnlyList<Area> Trail { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        code ??= AreaCode.Scotland.Value;
        if (!AreaRegistry.Default.TryResolve(code, out var area))
        {
            return NotFound();
        }

        Trail = TrailTo(area);
        var feed = await insight.AreaAsync(area.Code.Value, null, ct);
        if (feed.Problem is not null)
        {
            Problem = feed.Problem;
            return Page();
        }

        Feed = feed.Value!;
        // By default the newest closed campaign: its figures are final, where an open one's are provisional.
        Shown = Feed.Campaigns.FirstOrDefault(c => c.CampaignId == Campaign)
            ?? Feed.Campaigns.FirstOrDefault(c => string.Equals(c.Status, "closed", StringComparison.OrdinalIgnoreCase))
            ?? Feed.Campaigns.FirstOrDefault();
        if (Shown is not null)
        {
            var instrument = await surveys.InstrumentVersionAsync(Shown.InstrumentId, Shown.InstrumentVersion, ct);
            Items = instrument.Value?.Items.ToDictionary(i => i.Id, StringComparer.Ordinal) ?? [];
        }

        return Page();
    }

    public string QuestionOf(string itemId) => Items.TryGetValue(itemId, out var item) ? item.Text : itemId;

    public string AnswerLabel(string itemId, int answer) =>
        Items.TryGetValue(itemId, out var item) && item.Choices().FirstOrDefault(c => c.Value == answer) is { Label: { } label } ? label : answer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<Area> TrailTo(Area area)
    {
        var trail = new List<Area> { area };
        var registry = AreaRegistry.Default;
        if (area.HscpCode is { } hscp && hscp != area.Code && registry.TryResolve(hscp, out var partnership))
        {
            trail.Insert(0, partnership);
        }

        if (area.BoardCode is { } board && board != area.Code && registry.TryResolve(board, out var parent))
        {
            trail.Insert(0, parent);
        }

        if (area.Type != AreaType.Country)
        {
            trail.Insert(0, registry.Get(AreaCode.Scotland));
        }

        return trail;
    }
}
