using System.Globalization;
using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.CaseStudies;

/// <summary>
/// One case study for its author and its reviewers: each edition's state, the consent of every person quoted, the
/// commands the API says this person may give from here (nothing else is offered), and the full history.
/// </summary>
[Authorize(Roles = "org-editor,reviewer,admin")]
public sealed class ManageModel(CaseStudiesClient caseStudies) : PageModel
{
    /// <summary>What each command asks for, besides the button: the API's argument name and the question shown.</summary>
    public static readonly IReadOnlyDictionary<string, (string Argument, string Label, string Hint)> Arguments = new Dictionary<string, (string, string, string)>
    {
        ["reject"] = ("Note", "Note to the author", "What needs to change before it can be approved."),
        ["force-publish"] = ("Reason", "Reason for publishing without approval", "It stays flagged until a different reviewer approves it."),
        ["withdraw"] = ("Explanation", "Public explanation", "Shown on the page, under a banner."),
        ["schedule"] = ("PublishAt", "Publish at (UTC)", "For example, 2026-12-07T09:00."),
        ["unpublish"] = ("RedirectTo", "Redirect to", "Where the page's address should send readers, for example /case-studies."),
    };

    public CaseStudy? Study { get; private set; }

    public CaseStudyHistory? History { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public string? Done => Request.Query["done"];

    public async Task<IActionResult> OnGetAsync(Guid caseStudyId, CancellationToken ct) => await LoadAsync(caseStudyId, ct);

    public async Task<IActionResult> OnPostTransitionAsync(
        Guid caseStudyId, int edition, string command, string? note, string? reason, string? explanation, string? publishAt, string? redirectTo, CancellationToken ct)
    {
        DateTimeOffset? at = null;
        if (command == "schedule")
        {
            if (DateTime.TryParseExact(publishAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                at = new DateTimeOffset(time, TimeSpan.Zero);
            }
            else
            {
                ModelState.AddModelError(FieldOf(command), "Publish at: enter a date and time such as 2026-12-07T09:00.");
                return await LoadAsync(caseStudyId, ct);
            }
        }

        var result = await caseStudies.TransitionAsync(caseStudyId, edition, command, new TransitionArguments(note, reason, explanation, at, redirectTo), ct);
        if (result.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => Arguments.TryGetValue(command, out var argument) && path.Equals(argument.Argument, StringComparison.OrdinalIgnoreCase)
                ? (FieldOf(command), argument.Label)
                : null);
            return await LoadAsync(caseStudyId, ct);
        }

        return Redirect($"/case-studies/manage/{caseStudyId}?done={Uri.EscapeDataString(command)}");
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid caseStudyId, string personKey, List<string>? uses, CancellationToken ct)
    {
        // The fields are named per person (one form for each person quoted), so their ids and errors stay apart.
        var givenBy = Request.Form[$"consent-{personKey}-givenBy"].ToString();
        var givenAt = Request.Form[$"consent-{personKey}-givenAt"].ToString();
        DateTimeOffset? at = null;
        if (DateOnly.TryParseExact(givenAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else
        {
            ModelState.AddModelError($"consent-{personKey}-givenAt", "Date consent was given: enter a date such as 2026-11-30.");
            return await LoadAsync(caseStudyId, ct);
        }

        var result = await caseStudies.GiveConsentAsync(caseStudyId, personKey, new ConsentGiven(givenBy, at, uses ?? [], null), ct);
        if (result.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => path.ToLowerInvariant() switch
            {
                "givenby" => ($"consent-{personKey}-givenBy", "Consent given by"),
                "givenat" => ($"consent-{personKey}-givenAt", "Date consent was given"),
                "uses" => ($"consent-{personKey}-uses", "Uses"),
                _ => null,
            });
            return await LoadAsync(caseStudyId, ct);
        }

        return Redirect($"/case-studies/manage/{caseStudyId}?done=consent");
    }

    /// <summary>What the person typed into a field of the form they sent back, so a refused form keeps it.</summary>
    public string? Posted(string field) => Request.HasFormContentType && Request.Form.TryGetValue(field, out var value) ? value.ToString() : null;

    /// <summary>The uses ticked in the person's consent form when it came back refused.</summary>
    public IReadOnlyList<string> PostedUses(string personKey) =>
        Request.HasFormContentType && Request.Form["personKey"] == personKey ? [.. Request.Form["uses"].OfType<string>()] : [];

    public static string FieldOf(string command) => $"command-{command}";

    public static string Label(string command) => command switch
    {
        "submit" => "Submit for review",
        "reject" => "Reject with a note",
        "approve" => "Approve",
        "schedule" => "Schedule publication",
        "unschedule" => "Unschedule",
        "publish" => "Publish",
        "force-publish" => "Publish without approval",
        "withdraw" => "Withdraw",
        "unwithdraw" => "Unwithdraw",
        "unpublish" => "Unpublish and redirect",
        "delete" => "Delete",
        "redraft" => "Start a new edition",
        _ => command,
    };

    private async Task<IActionResult> LoadAsync(Guid caseStudyId, CancellationToken ct)
    {
        var study = await caseStudies.GetAsync(caseStudyId, ct);
        if (study.Problem?.Status == System.Net.HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        Study = study.Value;
        Problem = study.Problem;
        History = (await caseStudies.HistoryAsync(caseStudyId, ct)).Value;
        return Page();
    }
}
