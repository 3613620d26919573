using System.Security.Cryptography;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// The development key that signs unsubscribe links in InsightHub's e-mails (InsightHub__Subscriptions__UnsubscribeSecret),
/// kept in .apphost/subscriptions/unsubscribe-secret so that links keep working across runs. Its own random bytes,
/// shared with no other secret.
/// </summary>
public static class UnsubscribeSecretStore
{
    public static string LoadOrCreate(string dataDirectory) =>
        SecretFile.LoadOrCreate(dataDirectory, Path.Combine("subscriptions", "unsubscribe-secret"), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), SecretFile.IsBase64Key);
}
