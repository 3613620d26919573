using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Shared;
using ChampionNetwork.ReferenceData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Subscriptions;

/// <summary>An analyst's subscriptions, and a new one: what to be told about, how often, and where (a webhook or an e-mail address).</summary>
[Authorize(Roles = "policy-analyst,admin")]
public sealed class IndexModel(SubscriptionsClient subscriptions) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Channel { get; set; } = "email";
    [BindProperty] public string? WebhookUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Cadence { get; set; } = "daily";
    [BindProperty] public string? Area { get; set; }
    [BindProperty] public List<string> EventKinds { get; set; } = [];

    public IReadOnlyList<SubscriptionDetails> Mine { get; private set; } = [];

    public static IReadOnlyList<Area> Areas { get; } =
        AreaChoices.Of(a => a.Type is AreaType.Country or AreaType.Board);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await subscriptions.CreateAsync(new SubscriptionRequest(
            Name, Channel, Channel == "webhook" ? WebhookUrl : null, Channel == "email" ? Email : null, null, Cadence,
            string.IsNullOrEmpty(Area) ? [] : [Area], [], [], [], EventKinds), ct);
        if (created.Problem is { } problem)
        {
            ModelState.AddProblem(problem, path => path.Split('[', '.')[0].ToLowerInvariant() switch
            {
                "name" => (nameof(Name), "Name"),
                "channel" => (nameof(Channel), "Send to"),
                "webhookurl" => (nameof(WebhookUrl), "Webhook address"),
                "email" => (nameof(Email), "E-mail address"),
                "cadence" => (nameof(Cadence), "How often"),
                "areas" => (nameof(Area), "Area"),
                "eventkinds" => (nameof(EventKinds), "What to be told about"),
                _ => null,
            });
            await LoadAsync(ct);
            return Page();
        }

        // The webhook secret is shown once, on the next page, and never again.
        if (created.Value!.Secret is { } secret)
        {
            TempData["Secret"] = secret;
        }

        return Redirect($"/subscriptions/{created.Value.Subscription.Id}?created=1");
    }

    private async Task LoadAsync(CancellationToken ct) => Mine = (await subscriptions.ListAsync(ct)).Value ?? [];
}
