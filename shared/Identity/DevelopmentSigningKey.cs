using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChampionNetwork.Identity;

/// <summary>
/// The symmetric key used in development and tests, and the tokens it signs.
/// Production uses an OIDC authority instead and never sees this key.
/// </summary>
public static class DevelopmentSigningKey
{
    public static string NewBase64Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static SymmetricSecurityKey From(string base64Key) => new(Convert.FromBase64String(base64Key)) { KeyId = "championnetwork-dev" };

    /// <summary>A key nobody holds: with neither an authority nor a signing key, no token validates.</summary>
    public static SymmetricSecurityKey Random() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Issues a token the services accept when they share <paramref name="options"/>.SigningKey.</summary>
    public static string IssueToken(IdentityOptions options, string subject, IEnumerable<string> roles, string? organisation, TimeProvider clock, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SigningKey);
        var claims = new List<Claim> { new(ChampionClaims.Subject, subject) };
        claims.AddRange(roles.Select(role => new Claim(ChampionClaims.Role, role)));
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            claims.Add(new Claim(ChampionClaims.Organisation, organisation));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(From(options.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
