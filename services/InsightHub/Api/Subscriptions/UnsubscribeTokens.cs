using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// Unsubscribe links that work without signing in: the subscription id and an HMAC-SHA256 of it under
/// <see cref="SubscriptionOptions.UnsubscribeSecret"/> (its own key, shared with no other secret), base64url.
/// </summary>
public sealed class UnsubscribeTokens
{
    private const int MacBytes = 16;
    private readonly byte[] _key;

    public UnsubscribeTokens(IOptions<SubscriptionOptions> options, IHostEnvironment environment, ILogger<UnsubscribeTokens> logger)
    {
        if (options.Value.UnsubscribeSecret is { Length: > 0 } secret)
        {
            _key = Convert.FromBase64String(secret);
        }
        else if (environment.IsDevelopment() || environment.IsEnvironment(ServiceDefaults.Identity.IdentityConfigurationGuard.TestingEnvironment))
        {
            logger.LogWarning("{Section}:UnsubscribeSecret is not set: unsubscribe links are signed with a key of this process only", SubscriptionOptions.SectionName);
            _key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            throw new InvalidOperationException($"{SubscriptionOptions.SectionName}:UnsubscribeSecret is not set in the {environment.EnvironmentName} environment. Set it to 32 random bytes, base64.");
        }
    }

    public string Create(Guid subscriptionId)
    {
        var id = subscriptionId.ToByteArray();
        return WebEncoders.Base64UrlEncode([.. id, .. Mac(id)]);
    }

    public bool TryRead(string? token, out Guid subscriptionId)
    {
        subscriptionId = Guid.Empty;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token ?? "");
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != 16 + MacBytes || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(16), Mac(bytes[..16])))
        {
            return false;
        }

        subscriptionId = new Guid(bytes.AsSpan(0, 16));
        return true;
    }

    private byte[] Mac(byte[] id) => HMACSHA256.HashData(_key, (byte[])[.. "unsubscribe:"u8, .. id])[..MacBytes];
}
