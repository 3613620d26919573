using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.Subscriptions.Tests.Infrastructure;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Webhooks;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>
/// The retry schedule on a fake clock, against a real receiver and a real insighthubdb: 5xx, 429 and timeouts are
/// retried at 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h; 400 and 404 are not; 410 disables the
/// endpoint; five days of failure disable it and tell the owner by e-mail.
/// </summary>
public sealed class RetryScheduleTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private static readonly TimeSpan[] Spec =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_failing_status_is_retried_on_the_spec_schedule_then_given_up(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(status, "try later");
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync($"retry{status}"));
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.PingAsync(subscription);
        var start = harness.Clock.GetUtcNow();

        await harness.RunUntilAsync(start + TimeSpan.FromDays(5));

        var attempts = await harness.AttemptsAsync(delivery.Id);
        Assert.Equal(Spec.Length, attempts.Count);
        Assert.Equal(Spec.Length, receiver.Received.Count);
        var gaps = attempts.Select((a, i) => i == 0 ? a.AttemptedAt - start : a.AttemptedAt - attempts[i - 1].AttemptedAt).ToArray();
        Assert.Equal(Spec, gaps);
        Assert.All(attempts, a => Assert.Equal(status, a.StatusCode));
        // Every retry is the same message: receivers deduplicate on webhook-id.
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        var final = await harness.DeliveryAsync(delivery.Id);
        Assert.Equal(DeliveryStatus.Failed, final.Status);
        Assert.Null(final.NextAttemptAt);
    }

    [Fact]
    public async Task A_429_Retry_After_longer_than_the_schedule_is_honoured()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(429, retryAfter: "120");
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("retryafter"));
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.PingAsync(subscription);
        var start = harness.Clock.GetUtcNow();

        await harness.DeliverDueAsync();
        Assert.Equal(start + TimeSpan.FromSeconds(120), (await harness.DeliveryAsync(delivery.Id)).NextAttemptAt);

        harness.Clock.Advance(TimeSpan.FromSeconds(119));
        await harness.DeliverDueAsync();
        Assert.Single(receiver.Received);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.DeliverDueAsync();
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task A_timeout_is_retried_on_the_schedule()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, http) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), http.RequestAborted);
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(http.Response, "late");
        };
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("timeout"), extra: new Dictionary<string, string?>
        {
            // The spec's 15 s, shortened so that the test does not wait for it: the behaviour is the same.
            ["InsightHub:Subscriptions:Webhooks:Timeout"] = "00:00:01",
        });
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.PingAsync(subscription);
        var start = harness.Clock.GetUtcNow();

        await harness.DeliverDueAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        await harness.DeliverDueAsync();

        var attempts = await harness.AttemptsAsync(delivery.Id);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Null(a.StatusCode));
        Assert.All(attempts, a => Assert.StartsWith("timeout", a.Outcome, StringComparison.Ordinal));
        Assert.All(attempts, a => Assert.InRange(a.DurationMs, 900, 2900));
        Assert.Equal(start + TimeSpan.FromSeconds(5) + TimeSpan.FromMinutes(5), (await harness.DeliveryAsync(delivery.Id)).NextAttemptAt);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(422)]
    public async Task Another_4xx_is_not_retried(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(status, "no");
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync($"client{status}"));
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.PingAsync(subscription);

        await harness.RunUntilAsync(harness.Clock.GetUtcNow() + TimeSpan.FromDays(4));

        Assert.Single(receiver.Received);
        var final = await harness.DeliveryAsync(delivery.Id);
        Assert.Equal(DeliveryStatus.Failed, final.Status);
        var attempt = Assert.Single(await harness.AttemptsAsync(delivery.Id));
        Assert.Equal(status, attempt.StatusCode);
        Assert.Equal("no", attempt.Response);
        Assert.Equal(SubscriptionStatus.Active, (await harness.SubscriptionAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_cancels_what_waits_and_tells_the_owner()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(410, "gone");
        await using var smtp = TestSmtp.Start();
        // One delivery at a time: with more, both waiting deliveries may be in flight before the 410 arrives.
        var settings = new Dictionary<string, string?>(smtp.Settings) { ["InsightHub:Subscriptions:Delivery:Concurrency"] = "1" };
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("gone"), extra: settings);
        var subscription = await harness.SubscribeAsync(receiver.Url, contactEmail: "owner@policy.test");
        var first = await harness.PingAsync(subscription);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await harness.PingAsync(subscription);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        await harness.RunUntilAsync(harness.Clock.GetUtcNow() + TimeSpan.FromDays(1));

        Assert.Single(receiver.Received);
        var disabled = await harness.SubscriptionAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Disabled, disabled.Status);
        Assert.Contains("410", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, (await harness.DeliveryAsync(first.Id)).Status);
        Assert.Equal(DeliveryStatus.Cancelled, (await harness.DeliveryAsync(second.Id)).Status);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("owner@policy.test", mail.To.Mailboxes.Single().Address);
        Assert.Contains("disabled", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("410", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_days_of_failure_disable_the_endpoint_and_tell_the_owner_but_three_do_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(503);
        await using var smtp = TestSmtp.Start();
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("fivedays"), extra: smtp.Settings);
        var subscription = await harness.SubscribeAsync(receiver.Url, contactEmail: "owner@policy.test");
        var start = harness.Clock.GetUtcNow();
        var first = await harness.PingAsync(subscription);

        // The first delivery's schedule is spent after about 3 days 3 hours: failing, but not yet for five days.
        await harness.RunUntilAsync(start + TimeSpan.FromDays(4));
        Assert.Equal(DeliveryStatus.Failed, (await harness.DeliveryAsync(first.Id)).Status);
        Assert.Equal(SubscriptionStatus.Active, (await harness.SubscriptionAsync(subscription.Id)).Status);
        Assert.Empty(smtp.Messages);

        // A later delivery keeps failing until five days after the first failure.
        var second = await harness.PingAsync(subscription);
        await harness.RunUntilAsync(start + TimeSpan.FromDays(7));

        var disabled = await harness.SubscriptionAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Disabled, disabled.Status);
        Assert.InRange(disabled.DisabledAt!.Value, start + TimeSpan.FromDays(5), start + TimeSpan.FromDays(6));
        Assert.Contains("5 days", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, (await harness.DeliveryAsync(second.Id)).Status);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("owner@policy.test", mail.To.Mailboxes.Single().Address);
        Assert.Contains("disabled", mail.Subject, StringComparison.OrdinalIgnoreCase);

        // Nothing is sent to a disabled endpoint.
        var received = receiver.Received.Count;
        var third = await harness.PingAsync(subscription);
        await harness.RunUntilAsync(harness.Clock.GetUtcNow() + TimeSpan.FromDays(1));
        Assert.Equal(received, receiver.Received.Count);
        Assert.Equal(DeliveryStatus.Cancelled, (await harness.DeliveryAsync(third.Id)).Status);
    }

    [Fact]
    public async Task A_success_resets_the_failure_clock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(503);
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("reset"));
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var start = harness.Clock.GetUtcNow();
        await harness.PingAsync(subscription);
        await harness.RunUntilAsync(start + TimeSpan.FromDays(4));

        receiver.Respond = WebhookReceiver.Status(200);
        await harness.PingAsync(subscription);
        await harness.RunUntilAsync(start + TimeSpan.FromDays(4.5));
        Assert.Null((await harness.SubscriptionAsync(subscription.Id)).FailingSince);

        receiver.Respond = WebhookReceiver.Status(503);
        await harness.PingAsync(subscription);
        await harness.RunUntilAsync(start + TimeSpan.FromDays(7));
        Assert.Equal(SubscriptionStatus.Active, (await harness.SubscriptionAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task Only_the_first_kilobyte_of_a_huge_response_is_read_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(500, new string('x', 4 * 1024 * 1024));
        await using var harness = await DeliveryHarness.StartAsync(await servers.DatabaseAsync("huge"));
        var subscription = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.PingAsync(subscription);

        await harness.DeliverDueAsync();

        var attempt = Assert.Single(await harness.AttemptsAsync(delivery.Id));
        Assert.Equal(1024, attempt.Response!.Length);
    }
}
