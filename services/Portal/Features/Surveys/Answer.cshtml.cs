using System.Globalization;
using System.Text.RegularExpressions;
using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.Portal.Features.SignIn;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Surveys;

/// <summary>
/// One campaign's questions, each in the design system's form pattern for its kind. The portal checks what a person
/// can fix (a required answer, the length of free text) and shows the API's own field errors against the question.
/// </summary>
[Authorize(Roles = "champion")]
public sealed partial class AnswerModel(SurveysClient surveys) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty]
    public string? OrganisationCode { get; set; }

    /// <summary>One per form shown: a resubmission of the same form gets the same receipt, never a second response.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public CampaignDetails Campaign { get; private set; } = null!;

    public InstrumentVersionDetails Instrument { get; private set; } = null!;

    /// <summary>The campaign's organisations the champion may answer for: their own, or those within their board.</summary>
    public IReadOnlyList<InvitedOrganisation> AnswerableFor { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public static string FieldOf(string itemId) => $"Answers[{itemId}]";

    public async Task<IActionResult> OnGetAsync(Guid campaignId, CancellationToken ct) => await LoadAsync(campaignId, ct) ? Page() : Problem?.Status == System.Net.HttpStatusCode.NotFound ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(campaignId, ct))
        {
            return Page();
        }

        if (AnswerableFor.Count > 1 && !AnswerableFor.Any(o => o.OrganisationCode == OrganisationCode))
        {
            ModelState.AddModelError(nameof(OrganisationCode), "Choose the organisation you are answering for.");
        }

        var organisation = AnswerableFor.Count == 1 ? AnswerableFor[0].OrganisationCode : OrganisationCode;
        var answers = new List<AnswerSubmission>();
        foreach (var (item, number) in Instrument.Items.Select((item, i) => (item, i + 1)))
        {
            var given = Answers.GetValueOrDefault(item.Id)?.Trim();
            if (string.IsNullOrEmpty(given))
            {
                if (item.Required)
                {
                    ModelState.AddModelError(FieldOf(item.Id), $"Question {number}: {(item.IsFreeText ? "enter your answer" : "choose an answer")}.");
                }

                continue;
            }

            if (item.IsFreeText)
            {
                if (given.Length > InstrumentItem.MaxTextLength)
                {
                    ModelState.AddModelError(FieldOf(item.Id), $"Question {number}: your answer must be {InstrumentItem.MaxTextLength:N0} characters or fewer.");
                }

                answers.Add(new AnswerSubmission(item.Id, null, given));
            }
            else if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && item.Choices().Any(c => c.Value == value))
            {
                answers.Add(new AnswerSubmission(item.Id, value, null));
            }
            else
            {
                ModelState.AddModelError(FieldOf(item.Id), $"Question {number}: choose one of the answers shown.");
            }
        }

        if (!ModelState.IsValid || organisation is null)
        {
            return Page();
        }

        var receipt = await surveys.SubmitAsync(campaignId, new ResponseSubmission(organisation, answers), IdempotencyKey, ct);
        if (receipt.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => FieldFor(path, answers));
            return Page();
        }

        TempData["Receipt"] = receipt.Value!.ReceiptId.ToString();
        return RedirectToPage("Receipt", new { campaignId });
    }

    /// <summary>The question an API error path (<c>answers[2].value</c>) is about.</summary>
    private (string, string)? FieldFor(string path, List<AnswerSubmission> sent)
    {
        if (path.Equals("organisationCode", StringComparison.OrdinalIgnoreCase))
        {
            return (nameof(OrganisationCode), "Organisation");
        }

        var match = AnswerPath().Match(path);
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < sent.Count)
        {
            var number = Instrument.Items.ToList().FindIndex(i => i.Id == sent[index].ItemId) + 1;
            return (FieldOf(sent[index].ItemId), $"Question {number}");
        }

        return null;
    }

    private async Task<bool> LoadAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await surveys.CampaignAsync(campaignId, ct);
        if (campaign.Problem is not null)
        {
            Problem = campaign.Problem;
            return false;
        }

        Campaign = campaign.Value!;
        var instrument = await surveys.InstrumentVersionAsync(Campaign.InstrumentId, Campaign.InstrumentVersion, ct);
        if (instrument.Problem is not null)
        {
            Problem = instrument.Problem;
            return false;
        }

        Instrument = instrument.Value!;
        var own = PortalUser.Of(User)?.Organisation;
        AnswerableFor = [.. Campaign.Organisations.Where(o => own is { } code && (o.OrganisationCode == code.Value || BoardOf(o.OrganisationCode) == code.Value))];
        if (!Campaign.IsOpen)
        {
            Problem = new ApiProblem(System.Net.HttpStatusCode.Conflict, "This survey is not open", $"It is open from {Campaign.OpensAt:d MMMM yyyy} to {Campaign.ClosesAt:d MMMM yyyy}.", new Dictionary<string, string[]>());
            return false;
        }

        if (AnswerableFor.Count == 0)
        {
            Problem = new ApiProblem(System.Net.HttpStatusCode.Forbidden, "Your organisation is not part of this survey", "Only the organisations invited to a campaign answer it.", new Dictionary<string, string[]>());
            return false;
        }

        return true;
    }

    private static string? BoardOf(string code) => AreaRegistry.Default.TryResolve(code, out var area) ? area.BoardCode?.Value : null;

    [GeneratedRegex(@"^answers\[(\d+)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerPath();
}
