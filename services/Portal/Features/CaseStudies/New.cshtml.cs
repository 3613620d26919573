using ChampionNetwork.Portal.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>Start a case study for the author's organisation: its first edition, a draft, with the people it quotes.</summary>
[Authorize(Roles = "org-editor,admin")]
public sealed class NewModel(CaseStudiesClient caseStudies) : PageModel
{
    public sealed class PersonRow
    {
        public string? Key { get; set; }
        public string? ShownAs { get; set; }
        public string? Role { get; set; }
        public bool NameChanged { get; set; }
    }

    public const int PeopleRows = 3;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public List<string> Pillars { get; set; } = [];
    [BindProperty] public bool NamesChanged { get; set; }
    [BindProperty] public List<PersonRow> People { get; set; } = [];
    [BindProperty] public string? ChangeNoteKind { get; set; } = "Major";
    [BindProperty] public string? ChangeNote { get; set; } = "First published.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var people = People.Select((p, i) => (p, i)).Where(x => !string.IsNullOrWhiteSpace(x.p.ShownAs) || !string.IsNullOrWhiteSpace(x.p.Key)).ToList();
        var content = new EditionContent(Title, Summary, Body, Pillars, [], NamesChanged,
            [.. people.Select(x => new QuotedPersonContent(x.p.Key?.Trim(), x.p.ShownAs?.Trim(), x.p.Role?.Trim(), x.p.NameChanged))], ChangeNoteKind, ChangeNote);
        var created = await caseStudies.CreateAsync(content, ct);
        if (created.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => Field(path, people.Select(x => x.i).ToList()));
            return Page();
        }

        return Redirect($"/case-studies/manage/{created.Value!.Id}?done=created");
    }

    private static (string, string)? Field(string path, List<int> rowOf)
    {
        var root = path.Split('[', '.')[0].ToLowerInvariant();
        if (root == "quotedpeople" && path.IndexOf('[') is > 0 and var open && int.TryParse(path[(open + 1)..path.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture, out var index) && index < rowOf.Count)
        {
            var field = path.EndsWith("key", StringComparison.OrdinalIgnoreCase) ? "Key" : path.EndsWith("role", StringComparison.OrdinalIgnoreCase) ? "Role" : "ShownAs";
            return ($"People[{rowOf[index]}].{field}", $"Person {rowOf[index] + 1}");
        }

        return root switch
        {
            "title" => (nameof(Title), "Title"),
            "summary" => (nameof(Summary), "Summary"),
            "body" => (nameof(Body), "The case study"),
            "pillars" or "outcomecodes" => (nameof(Pillars), "Pillars"),
            "changenotekind" => (nameof(ChangeNoteKind), "Kind of change"),
            "changenote" => (nameof(ChangeNote), "Change note"),
            _ => null,
        };
    }
}
