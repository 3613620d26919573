using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Subscriptions.Tests.Infrastructure;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using ChampionNetwork.TestInfrastructure.Webhooks;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>
/// SIGKILL of the InsightHub process while a webhook is in flight, then a restart on the same servers: every due
/// delivery is made, and none arrives twice except the one that was in flight.
/// </summary>
public sealed class KillDuringDeliveryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const int Deliveries = 8;
    private const int HeldAt = 3;

    [Fact]
    public async Task After_a_kill_mid_delivery_every_due_delivery_is_made_and_only_the_one_in_flight_twice()
    {
        var identity = new TestIdentity();
        var token = identity.Token(ChampionNetwork.Identity.Roles.PolicyAnalyst, null, "kill-test-analyst");
        var settings = ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), identity);
        // One delivery in flight at a time, so "the one in flight" is one; the timeout outlasts the test's hold.
        settings["InsightHub:Subscriptions:Delivery:Concurrency"] = "1";
        settings["InsightHub:Subscriptions:Webhooks:Timeout"] = "00:02:00";

        await using var receiver = await WebhookReceiver.StartAsync();
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        receiver.Respond = async (webhook, http) =>
        {
            if (Interlocked.Increment(ref seen) == HeldAt)
            {
                held.TrySetResult(webhook.Id);
                await release.Task; // never answered: the process dies first
                return;
            }

            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(http.Response, "ok");
        };

        var first = HubProcess.Start(settings, "first");
        string subscriptionId;
        var messageIds = new List<string>();
        string inFlight;
        try
        {
            await first.WaitUntilHealthyAsync();
            using var analyst = first.Client(token);
            var created = await (await analyst.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), new { channel = "webhook", webhookUrl = receiver.Url.ToString() })).Content.ReadFromJsonAsync<JsonNode>();
            subscriptionId = created!["subscription"]!["id"]!.GetValue<string>();
            for (var i = 0; i < Deliveries; i++)
            {
                var ping = await (await analyst.PostAsync(new Uri($"/api/subscriptions/{subscriptionId}/ping", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>();
                messageIds.Add(ping!["messageId"]!.GetValue<string>());
            }

            inFlight = await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill();
        }
        finally
        {
            await first.DisposeAsync();
            release.TrySetResult();
        }

        Assert.True(receiver.Received.Count < Deliveries, "the kill came before every delivery was made");
        await using var second = HubProcess.Start(settings, "second");
        await second.WaitUntilHealthyAsync();
        using var after = second.Client(token);
        await Eventually.Returns(
            () => Task.FromResult(receiver.Received.Select(r => r.Id).ToHashSet()),
            ids => messageIds.All(ids.Contains),
            TimeSpan.FromSeconds(60),
            "for every due delivery to be made after the restart");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var twice = receiver.Received.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        // The one in flight was received (and never answered) before the kill, and is delivered again after it.
        Assert.Equal([inFlight], twice);
        Assert.Equal(Deliveries, receiver.Received.Select(r => r.Id).Distinct().Count());
        var log = await SubscriptionsHub.DeliveryLogAsync(after, subscriptionId);
        Assert.Equal(Deliveries, log.Count);
        Assert.All(log, d => Assert.Equal("delivered", d!["status"]!.GetValue<string>()));
        // The killed attempt left no trace but its retry: the in-flight delivery's log has one attempt, the successful one.
        var retried = log.Single(d => d!["messageId"]!.GetValue<string>() == inFlight)!;
        Assert.Single(retried["attemptLog"]!.AsArray());
    }
}
