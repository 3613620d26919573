using ChampionNetwork.Identity;
using ChampionNetwork.Portal.Features.SignIn;

namespace ChampionNetwork.Portal.Features.Shared;

public sealed record NavigationLink(string Path, string Text);

/// <summary>The main navigation: what the signed-in role can do.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavigationLink> For(PortalUser? user)
    {
        var links = new List<NavigationLink>();
        if (user is null || user.Is(Roles.Champion))
        {
            links.Add(new("/surveys", "Surveys"));
        }

        links.Add(new("/practices", "Good practice"));
        links.Add(new("/case-studies", "Case studies"));
        if (user is not null && (user.Is(Roles.PolicyAnalyst) || user.Is(Roles.Admin)))
        {
            links.Add(new("/insight", "Insight"));
            links.Add(new("/subscriptions", "Subscriptions"));
        }

        if (user is not null && user.Is(Roles.Admin))
        {
            links.Add(new("/admin", "Admin"));
        }

        return links;
    }
}
