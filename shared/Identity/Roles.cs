namespace ChampionNetwork.Identity;

/// <summary>The roles ARCHITECTURE.md names. A token carries them in the "role" claim.</summary>
public static class Roles
{
    public const string Champion = "champion";
    public const string OrgEditor = "org-editor";
    public const string Reviewer = "reviewer";
    public const string PolicyAnalyst = "policy-analyst";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Champion, OrgEditor, Reviewer, PolicyAnalyst, Admin];
}

/// <summary>Claim types our tokens use, unmapped (no WS-* URIs).</summary>
public static class ChampionClaims
{
    /// <summary>The GSS code (or NB- code) of the organisation the user acts for.</summary>
    public const string Organisation = "org";
    public const string Role = "role";
    public const string Subject = "sub";
}
