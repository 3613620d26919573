using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;

namespace ChampionNetwork.TestInfrastructure.Identity;

/// <summary>A signing key for one test class, and real JWTs signed with it, as the AppHost hands out in development.</summary>
public sealed class TestIdentity
{
    private readonly IdentityOptions _options = new() { SigningKey = DevelopmentSigningKey.NewBase64Key() };

    public string SigningKey => _options.SigningKey!;

    /// <summary>The settings a service needs to accept this identity's tokens.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:SigningKey"] = SigningKey,
        ["Identity:Issuer"] = _options.Issuer,
        ["Identity:Audience"] = _options.Audience,
    };

    public string Champion(string organisation, string? subject = null) => Token(Roles.Champion, organisation, subject);

    public string PolicyAnalyst() => Token(Roles.PolicyAnalyst, null);

    public string Admin() => Token(Roles.Admin, null);

    public string Token(string role, string? organisation, string? subject = null) =>
        // Long-lived, so a test that moves a service's clock forward by days still holds a valid token.
        DevelopmentSigningKey.IssueToken(_options, subject ?? $"test-{Guid.NewGuid():N}", [role], organisation, TimeProvider.System, TimeSpan.FromDays(30));

    /// <summary>A token signed with a different key: well formed, but forged.</summary>
    public static string Forged(string role, string? organisation = null) =>
        new TestIdentity().Token(role, organisation);
}
