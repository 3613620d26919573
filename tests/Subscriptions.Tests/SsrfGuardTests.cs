using System.Net;
using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.Subscriptions.Tests.Infrastructure;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>
/// The SSRF guard: loopback, private, link-local and metadata addresses are refused unless allowlisted, on the
/// address actually connected to; no redirect is followed. Every target here is on loopback, or refused before any
/// connection is made.
/// </summary>
public sealed class SsrfGuardTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    public static TheoryData<string> Forbidden => new("127.0.0.1", "127.10.20.30", "10.0.0.1", "10.255.1.2", "172.16.5.4", "192.168.1.1", "169.254.169.254", "169.254.1.1", "100.64.0.1", "0.0.0.0", "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::5");

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void The_guard_refuses_internal_addresses_when_nothing_is_allowlisted(string address)
    {
        var guard = Guard();
        Assert.NotNull(guard.RefusalOf(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("8.8.8.8")]
    public void The_guard_admits_public_addresses(string address) => Assert.Null(Guard().RefusalOf(IPAddress.Parse(address)));

    [Fact]
    public void An_allowlist_admits_only_what_it_names()
    {
        var guard = Guard("127.0.0.0/8", "::1/128");
        Assert.Null(guard.RefusalOf(IPAddress.Loopback));
        Assert.Null(guard.RefusalOf(IPAddress.IPv6Loopback));
        Assert.Null(guard.RefusalOf(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(guard.RefusalOf(IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(guard.RefusalOf(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public async Task A_loopback_receiver_gets_nothing_unless_loopback_is_allowlisted()
    {
        await using var receiver = await WebhookReceiver.StartAsync(ipv6: true);
        await using (var guarded = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("ssrf-refused"), allowLoopback: false))
        {
            var targets = new List<Uri> { receiver.Url, new($"http://localhost:{receiver.Url.Port}/hooks") };
            if (receiver.Ipv6Url is { } v6)
            {
                targets.Add(v6);
            }

            foreach (var target in targets)
            {
                var subscription = await guarded.SubscribeAsync(target);
                var delivery = await guarded.PingAsync(subscription);
                await guarded.RunUntilAsync(guarded.Clock.GetUtcNow() + TimeSpan.FromDays(4));
                var attempt = Assert.Single(await guarded.AttemptsAsync(delivery.Id));
                Assert.StartsWith("refused", attempt.Outcome, StringComparison.Ordinal);
                Assert.Equal(DeliveryStatus.Failed, (await guarded.DeliveryAsync(delivery.Id)).Status);
            }

            Assert.Empty(receiver.Received);
        }

        await using var allowed = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("ssrf-allowed"), allowLoopback: true);
        var ok = await allowed.SubscribeAsync(receiver.Url);
        var sent = await allowed.PingAsync(ok);
        await allowed.DeliverDueAsync();
        Assert.Equal(DeliveryStatus.Delivered, (await allowed.DeliveryAsync(sent.Id)).Status);
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("http://10.1.2.3:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://127.0.0.1:9/hook")]
    public async Task A_target_the_guard_refuses_is_never_connected_to_nor_retried(string url)
    {
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("ssrf-" + Math.Abs(url.GetHashCode(StringComparison.Ordinal))), allowLoopback: false);
        var subscription = await harness.SubscribeAsync(new Uri(url));
        var delivery = await harness.PingAsync(subscription);

        await harness.RunUntilAsync(harness.Clock.GetUtcNow() + TimeSpan.FromDays(4));

        var attempt = Assert.Single(await harness.AttemptsAsync(delivery.Id));
        Assert.StartsWith("refused", attempt.Outcome, StringComparison.Ordinal);
        Assert.Null(attempt.StatusCode);
        Assert.InRange(attempt.DurationMs, 0, 1000); // refused at once, not after a connect timeout
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_not_followed_even_to_an_allowlisted_address(int status)
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync();
        redirecting.Respond = (_, http) =>
        {
            http.Response.StatusCode = status;
            http.Response.Headers.Location = target.Url.ToString();
            return Task.CompletedTask;
        };
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync($"redirect{status}"));
        var subscription = await harness.SubscribeAsync(redirecting.Url);
        var delivery = await harness.PingAsync(subscription);

        await harness.RunUntilAsync(harness.Clock.GetUtcNow() + TimeSpan.FromDays(4));

        Assert.Single(redirecting.Received);
        Assert.Empty(target.Received);
        var attempt = Assert.Single(await harness.AttemptsAsync(delivery.Id));
        Assert.Equal(status, attempt.StatusCode);
        Assert.Contains("redirect", attempt.Outcome, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/")]
    public async Task A_redirect_to_a_metadata_or_private_address_is_not_followed(string location)
    {
        await using var redirecting = await WebhookReceiver.StartAsync();
        redirecting.Respond = (_, http) =>
        {
            http.Response.StatusCode = 302;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        };
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("redirect-meta" + location.Length));
        var subscription = await harness.SubscribeAsync(redirecting.Url);
        var delivery = await harness.PingAsync(subscription);

        await harness.DeliverDueAsync();

        var attempt = Assert.Single(await harness.AttemptsAsync(delivery.Id));
        Assert.Equal(302, attempt.StatusCode);
        Assert.InRange(attempt.DurationMs, 0, 2000);
        Assert.Equal(DeliveryStatus.Failed, (await harness.DeliveryAsync(delivery.Id)).Status);
    }

    private static WebhookTargetGuard Guard(params string[] allowed) =>
        new(Options.Create(new SubscriptionOptions { Webhooks = new WebhookOptions { AllowedNetworks = [.. allowed] } }));
}
