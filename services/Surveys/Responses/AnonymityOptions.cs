using System.Security.Cryptography;
using System.Text;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Configuration section "Anonymity". <see cref="LedgerSecret"/> keys the response ledger; whoever holds it can test
/// whether a given champion answered a campaign, so it lives only in this service's configuration (a secret store in
/// production). It must stay the same across restarts and instances, or duplicates stop being detected.
/// </summary>
public sealed class AnonymityOptions
{
    public const string SectionName = "Anonymity";

    /// <summary>Base64, at least 32 bytes.</summary>
    public string? LedgerSecret { get; set; }

    /// <summary>Development only: when no ledger secret is configured, derive one from the development signing key.</summary>
    public string? DevelopmentFallbackKey { get; set; }

    internal byte[] LedgerSecretBytes()
    {
        if (!string.IsNullOrWhiteSpace(LedgerSecret))
        {
            var secret = Convert.FromBase64String(LedgerSecret);
            return secret.Length >= 32 ? secret : throw new InvalidOperationException("Anonymity:LedgerSecret must be at least 32 bytes (base64).");
        }

        if (!string.IsNullOrWhiteSpace(DevelopmentFallbackKey))
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(DevelopmentFallbackKey), 32, info: Encoding.UTF8.GetBytes("championnetwork response ledger"));
        }

        throw new InvalidOperationException("Anonymity:LedgerSecret is not set. Set it to 32+ random bytes in base64 (e.g. `openssl rand -base64 32`); it must stay the same across restarts.");
    }
}
