using System.Security.Claims;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>Who is asking, as the workflow sees them: subject, roles and the organisation their token acts for.</summary>
internal static class Caller
{
    public static Actor ToActor(this ClaimsPrincipal user, AreaRegistry areas) => new(
        user.FindFirstValue(ChampionClaims.Subject) ?? "unknown",
        Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal),
        areas.TryResolve(user.FindFirstValue(ChampionClaims.Organisation), out var organisation) ? organisation.Code.Value : null);

    /// <summary>Editors of the case study's organisation, reviewers and admins see its drafts and history.</summary>
    public static bool MayRead(this Actor actor, CaseStudy study) => actor.CapacitiesFor(study) != Capacity.None;

    public static bool MayEdit(this Actor actor, CaseStudy study) => (actor.CapacitiesFor(study) & (Capacity.Editor | Capacity.Admin)) != 0;

    public static OrganisationSummary Summary(this AreaRegistry areas, string code) =>
        areas.TryResolve(code, out var area)
            ? new OrganisationSummary(area.Code.Value, area.Name, area.Type.ToString(), area.BoardCode?.Value)
            : new OrganisationSummary(code, code, "Unknown", null);
}
