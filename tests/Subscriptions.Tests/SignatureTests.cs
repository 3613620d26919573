using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>Signing per the Standard Webhooks spec, checked against the spec's own vector and a receiver using the StandardWebhooks library.</summary>
public sealed class SignatureTests
{
    private const string SpecKey = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string SpecBody = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SpecTimestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void The_spec_vector_signs_to_the_spec_signature()
    {
        Assert.Equal(SpecSignature, new StandardWebhook(SpecKey).Sign(SpecId, SpecTimestamp, SpecBody));
    }

    [Fact]
    public void InsightHub_signs_the_spec_vector_to_the_spec_signature()
    {
        var subscription = new Subscription { OwnerSubject = "a", Secret = SpecKey };
        Assert.Equal(SpecSignature, WebhookSender.Signatures(subscription, SpecId, SpecTimestamp, SpecBody, SpecTimestamp));
    }

    [Fact]
    public void During_a_rotation_both_secrets_sign_and_afterwards_only_the_new_one()
    {
        var now = DateTimeOffset.UtcNow;
        var subscription = new Subscription { OwnerSubject = "a", Secret = SubscriptionsApi.NewSecret(), PreviousSecret = SpecKey, PreviousSecretExpiresAt = now.AddHours(1) };
        var during = WebhookSender.Signatures(subscription, "msg_1", now, "{}", now).Split(' ');
        Assert.Equal(2, during.Length);
        Assert.All(during, s => Assert.StartsWith("v1,", s, StringComparison.Ordinal));
        Assert.True(Verifies(subscription.Secret!, "msg_1", now, "{}", during[0]));
        Assert.True(Verifies(SpecKey, "msg_1", now, "{}", during[1]));

        var after = WebhookSender.Signatures(subscription, "msg_1", now, "{}", now.AddHours(2)).Split(' ');
        Assert.Single(after);
        Assert.False(Verifies(SpecKey, "msg_1", now, "{}", after[0]));
    }

    [Fact]
    public void A_receiver_refuses_a_tampered_body()
    {
        var now = DateTimeOffset.UtcNow;
        var secret = SubscriptionsApi.NewSecret();
        var signature = new StandardWebhook(secret).Sign("msg_2", now, "{\"a\":1}");
        Assert.True(Verifies(secret, "msg_2", now, "{\"a\":1}", signature));
        Assert.False(Verifies(secret, "msg_2", now, "{\"a\":2}", signature));
    }

    [Fact]
    public void New_secrets_are_whsec_and_32_random_bytes()
    {
        var a = SubscriptionsApi.NewSecret();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(a["whsec_".Length..]).Length);
        Assert.NotEqual(a, SubscriptionsApi.NewSecret());
    }

    /// <summary>
    /// Verification as a receiver does it with the StandardWebhooks library, one signature at a time: its 1.1.2
    /// <c>Verify</c> checks only the first of several space-separated signatures.
    /// </summary>
    public static bool Verifies(string secret, string id, DateTimeOffset timestamp, string body, string signature)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>Whether any of the header's signatures verifies with <paramref name="secret"/>.</summary>
    public static bool AnyVerifies(string secret, string id, string timestamp, string body, string signatureHeader) =>
        signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => Verifies(secret, id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)), body, s));
}
