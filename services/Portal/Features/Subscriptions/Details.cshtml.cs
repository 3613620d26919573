using ChampionNetwork.Portal.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChampionNetwork.Portal.Features.Subscriptions;

/// <summary>One subscription: its secret once, its delivery log (each attempt), a test ping, redelivery and secret rotation.</summary>
[Authorize(Roles = "policy-analyst,admin")]
public sealed class DetailsModel(SubscriptionsClient subscriptions) : PageModel
{
    public SubscriptionDetails? Subscription { get; private set; }

    public IReadOnlyList<DeliveryLogEntry> Deliveries { get; private set; } = [];

    public ApiProblem? Problem { get; private set; }

    public string? Secret { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid subscriptionId, CancellationToken ct)
    {
        Secret = TempData["Secret"]?.ToString();
        return await LoadAsync(subscriptionId, ct);
    }

    public async Task<IActionResult> OnPostPingAsync(Guid subscriptionId, CancellationToken ct) =>
        await AfterAsync(subscriptionId, await subscriptions.PingAsync(subscriptionId, ct), "ping", ct);

    public async Task<IActionResult> OnPostRedeliverAsync(Guid subscriptionId, Guid deliveryId, CancellationToken ct) =>
        await AfterAsync(subscriptionId, await subscriptions.RedeliverAsync(subscriptionId, deliveryId, ct), "redelivery", ct);

    public async Task<IActionResult> OnPostRotateAsync(Guid subscriptionId, CancellationToken ct)
    {
        var rotated = await subscriptions.RotateSecretAsync(subscriptionId, 1440, ct);
        if (rotated.Problem is not null)
        {
            ModelState.AddModelError(string.Empty, rotated.Problem.Title);
            return await LoadAsync(subscriptionId, ct);
        }

        TempData["Secret"] = rotated.Value!.Secret;
        return Redirect($"/subscriptions/{subscriptionId}?rotated=1");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid subscriptionId, CancellationToken ct)
    {
        var deleted = await subscriptions.DeleteAsync(subscriptionId, ct);
        if (deleted.Problem is not null)
        {
            ModelState.AddModelError(string.Empty, deleted.Problem.Title);
            return await LoadAsync(subscriptionId, ct);
        }

        return Redirect("/subscriptions");
    }

    private async Task<IActionResult> AfterAsync(Guid subscriptionId, ApiResult<string> result, string what, CancellationToken ct)
    {
        if (result.Problem is not null)
        {
            ModelState.AddModelError(string.Empty, result.Problem.Detail is { } detail ? $"{result.Problem.Title}: {detail}" : result.Problem.Title);
            return await LoadAsync(subscriptionId, ct);
        }

        return Redirect($"/subscriptions/{subscriptionId}?queued={what}");
    }

    private async Task<IActionResult> LoadAsync(Guid subscriptionId, CancellationToken ct)
    {
        var subscription = await subscriptions.GetAsync(subscriptionId, ct);
        if (subscription.Problem?.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return NotFound();
        }

        Subscription = subscription.Value;
        Problem = subscription.Problem;
        Deliveries = (await subscriptions.DeliveriesAsync(subscriptionId, ct)).Value ?? [];
        return Page();
    }
}
