using ChampionNetwork.Portal.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Practices;

/// <summary>Share a practice for the editor's organisation, with a preview of the body exactly as it will show.</summary>
[Authorize(Roles = "org-editor,admin")]
public sealed class ShareModel(GoodPracticeClient practices) : PageModel
{
    public const int LinkRows = 2;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public List<string> Pillars { get; set; } = [];
    [BindProperty] public List<string> OutcomeCodes { get; set; } = [];
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactEmail { get; set; }
    [BindProperty] public List<PracticeLinkSubmission> Links { get; set; } = [];
    [BindProperty] public bool IsPublic { get; set; }

    public IHtmlContent? Preview { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var preview = await practices.PreviewAsync(Body, ct);
        if (preview.Problem is { } problem)
        {
            ModelState.AddProblem(problem, Field);
        }
        else
        {
            Preview = TrustedHtml.From(preview.Value!.BodyHtml);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tags = (Tags ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var links = Links.Where(l => !string.IsNullOrWhiteSpace(l.Title) || !string.IsNullOrWhiteSpace(l.Url)).ToList();
        var contact = string.IsNullOrWhiteSpace(ContactName) && string.IsNullOrWhiteSpace(ContactEmail) ? null : new PracticeContact(ContactName, ContactEmail);
        var shared = await practices.ShareAsync(new PracticeSubmission(Title, Summary, Body, Pillars, OutcomeCodes, tags, contact, links, IsPublic), ct);
        if (shared.Problem is { } problem)
        {
            ModelState.AddProblem(problem, Field);
            return Page();
        }

        return Redirect($"/practices/{shared.Value!.Id}?shared=1");
    }

    /// <summary>The form field an API error path names.</summary>
    private static (string, string)? Field(string path)
    {
        var root = path.Split('[', '.')[0].ToLowerInvariant();
        return root switch
        {
            "title" => (nameof(Title), "Title"),
            "summary" => (nameof(Summary), "Summary"),
            "body" => (nameof(Body), "Description"),
            "pillars" => (nameof(Pillars), "Pillars"),
            "outcomecodes" => (nameof(OutcomeCodes), "Outcomes"),
            "tags" => (nameof(Tags), "Tags"),
            "contact" => path.EndsWith("email", StringComparison.OrdinalIgnoreCase) ? (nameof(ContactEmail), "Contact email") : (nameof(ContactName), "Contact name"),
            "links" => ("Links[0].Url", "Links"),
            _ => null,
        };
    }
}
