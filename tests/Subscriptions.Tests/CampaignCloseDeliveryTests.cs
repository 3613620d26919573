using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Tests;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Subscriptions.Tests.Infrastructure;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Webhooks;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>
/// On the real servers (RabbitMQ, Redis, PostgreSQL, an SMTP relay): a campaign closing sends one signed webhook and
/// one digest e-mail, each with the disclosed figures the feed shows, suppressed cells suppressed.
/// </summary>
public sealed class CampaignCloseDeliveryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Board = "S08000024"; // NHS Lothian
    private SubscriptionsHub _hub = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _hub = await SubscriptionsHub.StartAsync(servers);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_campaign_closing_sends_one_signed_webhook_and_one_digest_with_the_feed_s_disclosed_figures()
    {
        var analyst = _hub.Analyst("policy-team");
        var webhook = await SubscriptionsHub.CreateAsync(analyst, new { channel = "webhook", webhookUrl = _receiver.Url.ToString(), areas = new[] { Board }, eventKinds = new[] { "campaign-closed" } });
        var secret = webhook["secret"]!.GetValue<string>();
        await SubscriptionsHub.CreateAsync(analyst, new { channel = "email", email = "policy.team@gov.test", eventKinds = new[] { "campaign-closed" } });

        var organisations = AreaRegistry.Default.ChildrenOf(AreaCode.Parse(Board)).Take(3).Select(a => a.Code.Value).Append("S08000015").ToList();
        var campaign = Guid.NewGuid();
        var random = new Random(14);
        await _hub.Bus.Publish(InsightEvents.Opened(campaign, organisations));
        // 12, 7 and 2 (suppressed) responses in Lothian's organisations, 9 in Ayrshire and Arran.
        var counts = new[] { 12, 7, 2, 9 };
        var events = organisations.Zip(counts).SelectMany(p => Enumerable.Range(0, p.Second).Select(_ => InsightEvents.Response(campaign, p.First, random))).ToList();
        foreach (var e in events)
        {
            await _hub.Bus.Publish(e);
        }

        var feedClient = _hub.Service.ClientWithToken(_hub.Identity.PolicyAnalyst());
        await Eventually.Returns(() => ResponsesAsync(feedClient, AreaCode.Scotland.Value, campaign), n => n == events.Count, TimeSpan.FromSeconds(90), "for Scotland to count every response");
        await _hub.Bus.Publish(new CampaignClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, campaign, DateTimeOffset.UtcNow, [.. organisations.Select(o => new EligibleHeadcount(o, 400))]));

        var received = await Eventually.Returns(() => Task.FromResult(_receiver.Received.ToList()), r => r.Count >= 1, TimeSpan.FromSeconds(30), "for the webhook");
        var mail = await Eventually.Returns(() => Task.FromResult(_hub.Smtp.Messages.ToList()), m => m.Count >= 1, TimeSpan.FromSeconds(30), "for the digest e-mail");
        // Feeds publish every second here: later publications send nothing, as nothing this subscription chose changed.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(_receiver.Received);
        Assert.Single(_hub.Smtp.Messages);

        var hook = received.Single();
        Assert.True(SignatureTests.AnyVerifies(secret, hook.Id, hook.Timestamp, hook.Body, hook.Signature), "the webhook verifies with the StandardWebhooks library");
        Assert.StartsWith("msg_", hook.Id, StringComparison.Ordinal);
        var body = JsonNode.Parse(hook.Body)!;
        Assert.Equal("campaign-closed", body["type"]!.GetValue<string>());
        var data = body["data"]!;
        Assert.Equal(campaign.ToString("D"), data["campaignId"]!.GetValue<string>());
        Assert.Equal("closed", data["status"]!.GetValue<string>());
        Assert.Equal("nhsbsa-5", data["disclosurePolicy"]!.GetValue<string>());
        Assert.Equal(1, data["instrumentVersion"]!.GetValue<int>());
        Assert.NotNull(data["computedAt"]);

        // Lothian and everything below it, each exactly as its feed shows it; Ayrshire and Arran is not in scope.
        var areas = data["areas"]!.AsArray();
        Assert.Contains(areas, a => a!["code"]!.GetValue<string>() == Board);
        Assert.DoesNotContain(areas, a => a!["code"]!.GetValue<string>() == "S08000015");
        var suppressed = 0;
        foreach (var area in areas)
        {
            var code = area!["code"]!.GetValue<string>();
            var feed = (await feedClient.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{code}?campaign={campaign}", UriKind.Relative)))!["campaigns"]![0]!;
            Assert.Equal("closed", feed["status"]!.GetValue<string>());
            Assert.Equal(feed["responses"]!.ToJsonString(), area["responses"]!.ToJsonString());
            Assert.Equal(feed["responseRate"]!.ToJsonString(), area["responseRate"]!.ToJsonString());
            var feedItems = feed["items"]!.AsArray().ToDictionary(i => i!["itemId"]!.GetValue<string>());
            foreach (var item in area["items"]!.AsArray())
            {
                var shown = feedItems[item!["itemId"]!.GetValue<string>()]!;
                Assert.Equal(shown["mean"]!.ToJsonString(), item["mean"]!.ToJsonString());
                Assert.Equal(shown["shareAgreeing"]!.ToJsonString(), item["shareAgreeing"]!.ToJsonString());
                Assert.Equal(shown["distribution"]!.ToJsonString(), item["distribution"]!.ToJsonString());
            }

            if (area["responses"]!["qualifier"]?.GetValue<string>() == "c")
            {
                suppressed++;
                Assert.Null(area["responses"]!["value"]?.GetValue<double?>());
            }
        }

        Assert.True(suppressed > 0, "the organisation with 2 responses is suppressed in the webhook as in the feed");

        var digest = mail.Single();
        Assert.Equal("policy.team@gov.test", digest.To.Mailboxes.Single().Address);
        Assert.Contains("closed", digest.Subject, StringComparison.Ordinal);
        var scotland = await ResponsesAsync(feedClient, AreaCode.Scotland.Value, campaign);
        Assert.Contains($"({AreaCode.Scotland.Value}): responses {scotland}", digest.TextBody, StringComparison.Ordinal);
        var third = AreaRegistry.Default.ChildrenOf(AreaCode.Parse(Board)).Skip(2).First().Code.Value;
        Assert.Contains($"({third}): responses [c]", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://insight.test/api/feeds/insight.csv?campaign={campaign:D}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://insight.test/api/subscriptions/unsubscribe?token=", digest.TextBody, StringComparison.Ordinal);
        Assert.NotNull(digest.HtmlBody);
        Assert.Contains("Unsubscribe", digest.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"({AreaCode.Scotland.Value}): responses {scotland}", digest.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);
    }

    private static async Task<double?> ResponsesAsync(HttpClient client, string area, Guid campaign)
    {
        var feed = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{area}?campaign={campaign}", UriKind.Relative));
        return feed!["campaigns"]!.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();
    }
}
