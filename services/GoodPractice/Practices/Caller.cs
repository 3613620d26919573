using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.GoodPractice.Practices;

/// <summary>Who is asking: a member of the Network (any signed-in role), an organisation's editor, or an admin.</summary>
internal static class Caller
{
    public static bool IsMember(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static string Subject(this ClaimsPrincipal user) => user.FindFirstValue(ChampionClaims.Subject) ?? "unknown";

    /// <summary>The organisation the token acts for, resolved to its current area; false without one.</summary>
    public static bool TryGetOrganisation(this ClaimsPrincipal user, AreaRegistry areas, [NotNullWhen(true)] out Area? organisation) =>
        areas.TryResolve(user.FindFirstValue(ChampionClaims.Organisation), out organisation);

    /// <summary>An admin edits any practice; an org-editor only their own organisation's.</summary>
    public static bool MayEdit(this ClaimsPrincipal user, string organisationCode, AreaRegistry areas) =>
        user.IsAdmin()
        || (user.IsInRole(Roles.OrgEditor) && user.TryGetOrganisation(areas, out var own) && own.Code.Value == organisationCode);

    public static OrganisationSummary Summary(this AreaRegistry areas, string code) =>
        areas.TryResolve(code, out var area)
            ? new OrganisationSummary(area.Code.Value, area.Name, area.Type.ToString(), area.BoardCode?.Value)
            : new OrganisationSummary(code, code, "Unknown", null);
}
