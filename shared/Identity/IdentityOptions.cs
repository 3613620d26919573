namespace ChampionNetwork.Identity;

/// <summary>
/// Configuration section "Identity". In production set <see cref="Authority"/> (an OIDC issuer);
/// in development and tests the AppHost or fixture hands every service the same <see cref="SigningKey"/>.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    public string? Authority { get; set; }

    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes) for development and tests only.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "championnetwork-dev";

    public string Audience { get; set; } = "championnetwork";
}
