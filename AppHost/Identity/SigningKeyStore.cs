using ChampionNetwork.Identity;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// The development signing key: made on the first run and kept in .apphost/identity/signing-key (mode 600), so that
/// tokens printed by `token` keep working across runs. Every service gets it as Identity__SigningKey.
/// </summary>
public static class SigningKeyStore
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var directory = Directory.CreateDirectory(Path.Combine(dataDirectory, "identity")).FullName;
        var file = Path.Combine(directory, "signing-key");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing && IsValid(existing))
        {
            return existing;
        }

        var key = DevelopmentSigningKey.NewBase64Key();
        var temp = file + ".tmp";
        File.WriteAllText(temp, key + "\n");
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
        return key;
    }

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

    private static bool IsValid(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}
