using System.Security.Cryptography;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>
/// The development ledger secret (Anonymity__LedgerSecret for Surveys), kept in .apphost/anonymity/ledger-secret. It
/// is made from fresh random bytes, independent of the signing key: whoever can sign tokens must not also be able to
/// test whether a champion has answered.
/// </summary>
public static class LedgerSecretStore
{
    public static string LoadOrCreate(string dataDirectory) =>
        SecretFile.LoadOrCreate(dataDirectory, Path.Combine("anonymity", "ledger-secret"), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), SecretFile.IsBase64Key);
}
