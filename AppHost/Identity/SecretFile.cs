namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// A development secret made on the first run and kept in the data folder (mode 600), so that it survives restarts:
/// tokens signed with the signing key keep working, and the response ledger keeps refusing second responses.
/// </summary>
internal static class SecretFile
{
    public static string LoadOrCreate(string dataDirectory, string relativePath, Func<string> create, Func<string, bool> isValid)
    {
        var file = Path.Combine(dataDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing && isValid(existing))
        {
            return existing;
        }

        var secret = create();
        var temp = file + ".tmp";
        File.WriteAllText(temp, secret + "\n");
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
        return secret;
    }

    /// <summary>Base64 of at least 32 bytes.</summary>
    public static bool IsBase64Key(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}
