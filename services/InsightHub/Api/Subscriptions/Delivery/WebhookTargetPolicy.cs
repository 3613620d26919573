using System.Net;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// What a webhook URL must be before anything is resolved: absolute, https (http only in Development and Testing),
/// no user info, and not an IP literal the <see cref="WebhookTargetGuard"/> refuses. Checked when a subscription is
/// saved and again before every attempt.
/// </summary>
public sealed class WebhookTargetPolicy(IHostEnvironment environment, WebhookTargetGuard guard)
{
    private readonly bool _allowHttp = environment.IsDevelopment() || environment.IsEnvironment(ServiceDefaults.Identity.IdentityConfigurationGuard.TestingEnvironment);

    public string? RefusalOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Must be an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(_allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return _allowHttp ? "Must be an https or http URL." : "Must be an https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Must not carry a user name or password.";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var address) && guard.RefusalOf(address) is { } refusal)
        {
            return refusal;
        }

        return null;
    }
}
