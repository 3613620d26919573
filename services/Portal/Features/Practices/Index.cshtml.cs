using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Practices;

/// <summary>Search good practice: words, filters, sort, and a page at a time (a plain GET form, so it works without JavaScript).</summary>
public sealed class IndexModel(GoodPracticeClient practices) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pillar { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public SearchPage? Results { get; private set; }

    public static IReadOnlyList<Area> Areas { get; } =
        AreaChoices.Of(a => a.Type is AreaType.Country or AreaType.Board or AreaType.Hscp);

    public static IReadOnlyList<Area> Organisations { get; } =
        [.. AreaChoices.Organisations.OrderBy(a => a.Name, StringComparer.Ordinal)];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await practices.SearchAsync(new SearchQuery(Q, Pillar, Outcome, Organisation, Area, Tag, Sort, Cursor), ct);
        if (result.Problem is { } problem)
        {
            ModelState.AddProblem(problem, field => field.ToLowerInvariant() switch
            {
                "q" => (nameof(Q), "Search words"),
                "pillar" => (nameof(Pillar), "Pillar"),
                "outcome" => (nameof(Outcome), "Outcome"),
                "organisation" => (nameof(Organisation), "Organisation"),
                "area" => (nameof(Area), "Area"),
                "tag" => (nameof(Tag), "Tag"),
                "sort" => (nameof(Sort), "Sort by"),
                "cursor" => (nameof(Q), "Page"),
                _ => null,
            });
            return;
        }

        Results = result.Value;
    }

    /// <summary>This search's address with the given cursor: the next page keeps every filter.</summary>
    public string PageLink(string cursor)
    {
        var query = Request.Query.Where(q => q.Key != nameof(Cursor)).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query[nameof(Cursor)] = cursor;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/practices", query);
    }
}
