using System.Globalization;
using System.Text.RegularExpressions;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.Portal.Features.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Admin;

/// <summary>A new instrument and its first published version: one row per question ("Add another question" posts the form back, no JavaScript needed).</summary>
[Authorize(Roles = "admin")]
public sealed partial class NewInstrumentModel(SurveysClient surveys) : PageModel
{
    public sealed class QuestionRow
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public string? Kind { get; set; }
        public string? Pillar { get; set; }
        public string? OutcomeCodes { get; set; }
        public bool Required { get; set; }
        public string? Options { get; set; }
    }

    public static readonly string[] Kinds = ["Likert", "Scale", "SingleChoice", "FreeText"];

    /// <summary>Set once the instrument exists: publishing again after fixing a question adds the version to it, not a second instrument.</summary>
    [BindProperty] public Guid? InstrumentId { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<QuestionRow> Questions { get; set; } = [new(), new(), new()];

    public void OnGet()
    {
    }

    public IActionResult OnPostAddQuestion()
    {
        Questions.Add(new QuestionRow());
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var rows = Questions.Select((q, i) => (q, i)).Where(r => !string.IsNullOrWhiteSpace(r.q.Text) || !string.IsNullOrWhiteSpace(r.q.Id)).ToList();
        if (rows.Count == 0)
        {
            ModelState.AddModelError("Questions[0].Text", "Question 1: write at least one question.");
            return Page();
        }

        var items = rows.Select(r => new NewInstrumentItem(
            r.q.Id?.Trim(), r.q.Text?.Trim(), r.q.Kind, r.q.Pillar, Split(r.q.OutcomeCodes, ','), r.q.Required,
            r.q.Kind == "SingleChoice" ? Split(r.q.Options, '\n') : null)).ToList();

        if (InstrumentId is null)
        {
            var instrument = await surveys.CreateInstrumentAsync(new NewInstrument(Title, Description), ct);
            if (instrument.Problem is { } problem)
            {
                ModelState.AddProblem(problem, path => path.ToLowerInvariant() switch
                {
                    "title" => (nameof(Title), "Title"),
                    "description" => (nameof(Description), "Description"),
                    _ => null,
                });
                return Page();
            }

            InstrumentId = instrument.Value!.Id;
        }

        var version = await surveys.PublishVersionAsync(InstrumentId.Value, new NewInstrumentVersion(items), ct);
        if (version.Problem is { } invalid)
        {
            // The instrument exists without a version: the form keeps its id, so the admin fixes the questions and publishes to it.
            ModelState.AddProblem(invalid, path => QuestionField(path, rows.Select(r => r.i).ToList()));
            return Page();
        }

        TempData["Published"] = $"{version.Value!.Title}, version {version.Value.Version}";
        return Redirect($"/admin/campaigns/new?instrument={InstrumentId}");
    }

    private static IReadOnlyList<string>? Split(string? text, char separator) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static (string, string)? QuestionField(string path, List<int> rowOf)
    {
        var match = ItemPath().Match(path);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) || index >= rowOf.Count)
        {
            return null;
        }

        var row = rowOf[index];
        var field = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "id" => "Id",
            "kind" => "Kind",
            "pillar" => "Pillar",
            "outcomecodes" => "OutcomeCodes",
            "options" => "Options",
            _ => "Text",
        };
        return ($"Questions[{row}].{field}", $"Question {row + 1}");
    }

    [GeneratedRegex(@"^items\[(\d+)\](?:\.(\w+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ItemPath();
}
