using System.Security.Claims;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.Portal.Features.SignIn;

/// <summary>The signed-in person as the portal needs them: roles and the organisation they act for. No name is kept.</summary>
public sealed record PortalUser(IReadOnlyList<string> Roles, AreaCode? Organisation)
{
    public static PortalUser? Of(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var roles = principal.FindAll(ChampionClaims.Role).Select(c => c.Value).ToList();
        var organisation = principal.FindFirstValue(ChampionClaims.Organisation) is { } code && AreaCode.TryParse(code, out var parsed) ? parsed : (AreaCode?)null;
        return new PortalUser(roles, organisation);
    }

    public bool Is(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public string Describe()
    {
        var role = string.Join(", ", Roles);
        return Organisation is { } code && AreaRegistry.Default.TryResolve(code, out var area) ? $"{role}, {area.Name}" : role;
    }
}
