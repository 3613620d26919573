using System.Globalization;
using System.Text.RegularExpressions;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.Portal.Features.Surveys;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Admin;

/// <summary>Schedule a campaign of a published instrument version for a set of organisations, between two times (UTC).</summary>
[Authorize(Roles = "admin")]
public sealed partial class NewCampaignModel(SurveysClient surveys) : PageModel
{
    public sealed class InvitationRow
    {
        public string? OrganisationCode { get; set; }
        public int? EligibleHeadcount { get; set; }
    }

    [BindProperty] public string? Title { get; set; }
    [BindProperty(SupportsGet = true)] public string? Instrument { get; set; }
    [BindProperty] public string? OpensAt { get; set; }
    [BindProperty] public string? ClosesAt { get; set; }
    [BindProperty] public List<InvitationRow> Invitations { get; set; } = [new(), new(), new()];

    public IReadOnlyList<InstrumentSummary> Instruments { get; private set; } = [];

    public static IReadOnlyList<Area> Organisations { get; } =
        AreaChoices.Organisations;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddOrganisationAsync(CancellationToken ct)
    {
        Invitations.Add(new InvitationRow());
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Guid? instrumentId = null;
        int? version = null;
        if (Instrument?.Split('/') is [var id, var number] && Guid.TryParse(id, out var parsed) && int.TryParse(number, CultureInfo.InvariantCulture, out var v))
        {
            (instrumentId, version) = (parsed, v);
        }
        else
        {
            ModelState.AddModelError(nameof(Instrument), "Instrument: choose a published instrument version.");
        }

        var opens = Time(OpensAt, nameof(OpensAt), "Opens");
        var closes = Time(ClosesAt, nameof(ClosesAt), "Closes");
        var rows = Invitations.Select((r, i) => (r, i)).Where(x => !string.IsNullOrEmpty(x.r.OrganisationCode) || x.r.EligibleHeadcount is not null).ToList();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var created = await surveys.CreateCampaignAsync(new NewCampaign(
            Title, instrumentId, version, opens, closes,
            [.. rows.Select(x => new NewCampaignOrganisation(x.r.OrganisationCode, x.r.EligibleHeadcount))]), ct);
        if (created.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => Field(path, rows.Select(x => x.i).ToList()));
            return Page();
        }

        TempData["Scheduled"] = created.Value!.Title;
        return Redirect($"/admin/campaigns/new?scheduled={created.Value.Id}");
    }

    private DateTimeOffset? Time(string? text, string field, string label)
    {
        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return new DateTimeOffset(time, TimeSpan.Zero);
        }

        ModelState.AddModelError(field, $"{label}: enter a date and time such as 2026-12-07T09:00.");
        return null;
    }

    private static (string, string)? Field(string path, List<int> rowOf)
    {
        var match = OrganisationPath().Match(path);
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < rowOf.Count)
        {
            var name = match.Groups[2].Value.Equals("eligibleHeadcount", StringComparison.OrdinalIgnoreCase) ? "EligibleHeadcount" : "OrganisationCode";
            return ($"Invitations[{rowOf[index]}].{name}", $"Organisation {rowOf[index] + 1}");
        }

        return path.ToLowerInvariant() switch
        {
            "title" => (nameof(Title), "Title"),
            "instrumentid" or "instrumentversion" => (nameof(Instrument), "Instrument"),
            "opensat" => (nameof(OpensAt), "Opens"),
            "closesat" => (nameof(ClosesAt), "Closes"),
            "organisations" => ("Invitations[0].OrganisationCode", "Organisations"),
            _ => null,
        };
    }

    private async Task LoadAsync(CancellationToken ct) => Instruments = (await surveys.InstrumentsAsync(ct)).Value ?? [];

    [GeneratedRegex(@"^organisations\[(\d+)\](?:\.(\w+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationPath();
}
