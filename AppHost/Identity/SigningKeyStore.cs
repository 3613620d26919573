using ChampionNetwork.Identity;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// The development signing key: made on the first run and kept in .apphost/identity/signing-key, so that tokens
/// printed by `token` keep working across runs. Every service gets it as Identity__SigningKey.
/// </summary>
public static class SigningKeyStore
{
    public static string LoadOrCreate(string dataDirectory) =>
        SecretFile.LoadOrCreate(dataDirectory, Path.Combine("identity", "signing-key"), DevelopmentSigningKey.NewBase64Key, SecretFile.IsBase64Key);

    /// <summary>The Identity__* variables every service receives.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string signingKey)
    {
        var defaults = new IdentityOptions();
        return new Dictionary<string, string>
        {
            ["Identity__SigningKey"] = signingKey,
            ["Identity__Issuer"] = defaults.Issuer,
            ["Identity__Audience"] = defaults.Audience,
        };
    }
}
