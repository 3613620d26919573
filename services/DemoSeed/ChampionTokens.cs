using ChampionNetwork.Identity;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.DemoSeed;

/// <summary>Tokens signed with the run's development key: a new champion for every response, as real champions are.</summary>
public sealed class ChampionTokens(IConfiguration configuration, TimeProvider clock)
{
    private readonly IdentityOptions _identity = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>()
        ?? throw new InvalidOperationException("Identity:SigningKey is not set: the AppHost hands it to the seeder.");

    public string Admin() => Issue("demo-seed-admin", Roles.Admin, null);

    public string Analyst() => Issue("demo-seed-analyst", Roles.PolicyAnalyst, null);

    public string OrgEditor(string organisation) => Issue($"demo-editor-{organisation}", Roles.OrgEditor, organisation);

    public string Reviewer(string name) => Issue($"demo-reviewer-{name}", Roles.Reviewer, null);

    public string NewChampion(string organisation) => Issue($"demo-champion-{Guid.NewGuid():N}", Roles.Champion, organisation);

    private string Issue(string subject, string role, string? organisation) =>
        DevelopmentSigningKey.IssueToken(_identity, subject, [role], organisation, clock, TimeSpan.FromHours(2));
}
