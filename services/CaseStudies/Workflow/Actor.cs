using ChampionNetwork.CaseStudies.Editions;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// Who gives a command: their token's subject, roles and (resolved) organisation, or the service itself.
/// </summary>
public sealed record Actor(string Subject, IReadOnlySet<string> Roles, string? Organisation)
{
    public static Actor Service { get; } = new("casestudies-api", new HashSet<string>(StringComparer.Ordinal), null) { IsService = true };

    public bool IsService { get; private init; }

    public Capacity CapacitiesFor(CaseStudy study)
    {
        if (IsService)
        {
            return Capacity.Service;
        }

        var capacities = Capacity.None;
        if (Roles.Contains(Identity.Roles.OrgEditor) && Organisation is not null && Organisation == study.OrganisationCode)
        {
            capacities |= Capacity.Editor;
        }

        if (Roles.Contains(Identity.Roles.Reviewer))
        {
            capacities |= Capacity.Reviewer;
        }

        if (Roles.Contains(Identity.Roles.Admin))
        {
            capacities |= Capacity.Admin;
        }

        return capacities;
    }
}
