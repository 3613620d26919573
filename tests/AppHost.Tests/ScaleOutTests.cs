using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Messaging;
using ChampionNetwork.TestInfrastructure.Platform;
using ChampionNetwork.TestInfrastructure.Webhooks;
using RabbitMQ.Client;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// The AppHost under <c>AppHost:Scale=true</c> (what <c>./run.sh --scale</c> sets): two instances of every API and
/// three InsightHub silos, on the real servers. Champions answer through both Surveys instances; both schedulers race
/// to open and close the campaign; both relays of each database race to publish; three silos compete for every queue
/// and deliver webhooks. Every event is published once, counted once, every transition announced once, every webhook
/// delivered once, and every silo serves the same feed, whose figures the test works out from what it sent.
/// </summary>
public sealed class ScaleOutTests
{
    private const int ApiReplicas = 2;
    private const int Silos = 3;
    private static readonly Guid Instrument = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    // Two boards and an organisation under each; every one above the disclosure threshold, so the feed shows each count.
    private static readonly (string Organisation, int Responses)[] Plan =
    [
        ("S08000024", 30), // NHS Lothian
        (AreaRegistry.Default.ChildrenOf(AreaCode.Parse("S08000024")).First().Code.Value, 20),
        ("S08000015", 25), // NHS Ayrshire and Arran
        (AreaRegistry.Default.ChildrenOf(AreaCode.Parse("S08000015")).First().Code.Value, 15),
    ];

    [Fact]
    public async Task Two_instances_of_each_api_and_three_silos_publish_count_announce_and_deliver_each_thing_once_and_every_silo_serves_the_same_feed()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        var ct = cancel.Token;
        await using var host = await PlatformHost.StartAsync(new PlatformHostOptions
        {
            Settings = new Dictionary<string, string> { ["DemoSeed:Enabled"] = "false", ["AppHost:Scale"] = "true" },
            // The test's webhook receiver listens on loopback, which the SSRF guard refuses unless allowlisted.
            Configure = builder => builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "insighthub"))
                .WithEnvironment("InsightHub__Subscriptions__Webhooks__AllowedNetworks__0", "127.0.0.0/8"),
        }, ct);
        await host.WaitUntilHealthyAsync(PlatformHostOptions.Resources, TimeSpan.FromMinutes(5), ct);
        var surveys = await host.InstancesAsync("surveys-api", ApiReplicas, TimeSpan.FromMinutes(2), ct);
        var practices = await host.InstancesAsync("goodpractice-api", ApiReplicas, TimeSpan.FromMinutes(2), ct);
        await host.InstancesAsync("casestudies-api", ApiReplicas, TimeSpan.FromMinutes(2), ct);
        var silos = await host.InstancesAsync("insighthub", Silos, TimeSpan.FromMinutes(2), ct);
        Assert.Equal(ApiReplicas, surveys.Distinct().Count());
        Assert.Equal(Silos, silos.Distinct().Count());

        var eventBus = new Uri((await host.App.GetConnectionStringAsync("eventbus", ct))!);
        await using var recorder = await new EventRecorder(eventBus)
            .Record<CampaignOpened>().Record<CampaignClosed>().Record<InsightSubmitted>().Record<GoodPracticeShared>()
            .StartAsync(ct);
        await using var receiver = await WebhookReceiver.StartAsync();
        var tokens = new Tokens(host);

        // Three silos compete for each InsightHub queue: one queue, three consumers.
        Assert.Equal((uint)Silos, await ConsumersAsync(eventBus, "insighthub-insight-submitted", ct));

        using (var analyst = tokens.Client(host.Endpoint("insighthub"), Roles.PolicyAnalyst))
        {
            using var subscribed = await analyst.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), new
            {
                channel = "webhook", webhookUrl = receiver.Url.ToString(), areas = new[] { "S92000003" }, eventKinds = new[] { "campaign-closed" },
            }, ct);
            Assert.True(subscribed.StatusCode == HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync(ct));
        }

        // Far enough ahead that both schedulers have looked (each looks at least every 30 s) and both wake for the
        // opening, and the closing, at the same moment: they race for each transition.
        var opensAt = DateTimeOffset.UtcNow.AddSeconds(40);
        var closesAt = opensAt.AddSeconds(50);
        Guid campaign;
        using (var admin = tokens.Client(surveys[0], Roles.Admin))
        {
            using var created = await admin.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), new
            {
                title = "Scale-out pulse",
                instrumentId = Instrument,
                instrumentVersion = 1,
                opensAt,
                closesAt,
                organisations = Plan.Select(p => new { organisationCode = p.Organisation, eligibleHeadcount = 500 }),
            }, ct);
            var body = await created.Content.ReadAsStringAsync(ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, body);
            campaign = JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
        }

        // Good practice shared through each GoodPractice instance: both relays of goodpracticedb race to publish.
        var shared = new List<Guid>();
        foreach (var (instance, i) in practices.Select((p, i) => (p, i)))
        {
            using var editor = tokens.Client(instance, Roles.OrgEditor, "S08000024");
            using var response = await editor.PostAsJsonAsync(new Uri("/api/practices", UriKind.Relative), new
            {
                title = $"Protected breaks, instance {i + 1}",
                summary = "Night staff take a protected twenty-minute break, covered by a floating colleague.",
                body = "Breaks are logged on the ward board.",
                pillars = new[] { "Train" },
                outcomeCodes = new[] { "TRAIN-S1" },
                tags = new[] { "breaks" },
                contact = new { name = "Ward 7 team" },
                links = Array.Empty<object>(),
                isPublic = true,
            }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, body);
            shared.Add(JsonNode.Parse(body)!["id"]!.GetValue<Guid>());
        }

        await Eventually.Returns(() => Task.FromResult(Status(recorder, campaign)), s => s.Opened > 0, TimeSpan.FromSeconds(90), "for the campaign to open");
        // Each champion answers once, through one instance or the other in turn.
        var sends = Plan.SelectMany(p => Enumerable.Repeat(p.Organisation, p.Responses)).Select((organisation, i) => (organisation, instance: surveys[i % surveys.Count])).ToList();
        await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (send, token) =>
        {
            using var champion = tokens.Client(send.instance, Roles.Champion, send.organisation);
            using var response = await champion.PostAsJsonAsync(new Uri($"/api/campaigns/{campaign}/responses", UriKind.Relative), new
            {
                organisationCode = send.organisation,
                answers = PlatformClient.Answers(4),
            }, token);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(token));
        });
        var expected = sends.Count;

        await Eventually.Returns(() => Task.FromResult(Status(recorder, campaign)), s => s.Closed > 0, TimeSpan.FromSeconds(120), "for the campaign to close");
        var feeds = await Eventually.Returns(
            () => FeedsAsync(tokens, silos, campaign, ct),
            // Publications come every 2 s here, so three reads may straddle one: read again until they fall in one.
            f => f.All(feed => string.Equals(feed.Status, "closed", StringComparison.OrdinalIgnoreCase) && feed.Responses == expected)
                && f.Select(feed => feed.ComputedAt).Distinct().Count() == 1,
            TimeSpan.FromSeconds(60),
            because: $"for every silo to serve the closed campaign's {expected} responses in one publication");

        // Within one publication every silo serves the same bytes: one grain per area, wherever it lives.
        Assert.All(feeds, f => Assert.Equal(feeds[0].Body, f.Body));
        // The figures, as the test works them out from what it sent.
        using (var analyst = tokens.Client(silos[^1], Roles.PolicyAnalyst))
        {
            foreach (var (area, _) in Plan)
            {
                // An area counts its own responses and those of the organisations below it.
                var below = AreaRegistry.Default.ChildrenOf(AreaCode.Parse(area)).Select(c => c.Code.Value).ToHashSet(StringComparer.Ordinal);
                var sent = Plan.Where(p => p.Organisation == area || below.Contains(p.Organisation)).Sum(p => p.Responses);
                var feed = await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{area}?campaign={campaign}", UriKind.Relative), ct);
                Assert.Equal(sent, feed!["campaigns"]![0]!["responses"]!["value"]!.GetValue<double>());
            }
        }

        // Each event published once (two relays per database, one holding the lock), each transition announced once
        // (two schedulers, one winning each conditional update).
        var status = Status(recorder, campaign);
        Assert.Equal(1, status.Opened);
        Assert.Equal(1, status.Closed);
        var submitted = recorder.Received<InsightSubmitted>().Where(e => e.CampaignId == campaign).ToList();
        Assert.Equal(expected, submitted.Count);
        Assert.Equal(expected, submitted.Select(e => e.EventId).Distinct().Count());
        var sharedEvents = await Eventually.Returns(
            () => Task.FromResult(recorder.Received<GoodPracticeShared>().Where(e => shared.Contains(e.PracticeId)).ToList()),
            e => e.Count >= shared.Count,
            TimeSpan.FromSeconds(30),
            because: "for both practices' events");
        Assert.Equal(shared.Order(), sharedEvents.Select(e => e.PracticeId).Order());

        // One webhook for the close, from whichever silo claimed the delivery; no second attempt at it.
        var hooks = await Eventually.Returns(
            () => Task.FromResult(receiver.Received.Where(h => h.Body.Contains(campaign.ToString("D"), StringComparison.Ordinal)).ToList()),
            h => h.Count >= 1,
            TimeSpan.FromSeconds(60),
            because: "for the campaign-closed webhook");
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.Single(receiver.Received, h => h.Body.Contains(campaign.ToString("D"), StringComparison.Ordinal));
        Assert.Equal(receiver.Received.Count, receiver.Received.Select(h => h.Id).Distinct().Count());
        Assert.Equal("campaign-closed", JsonNode.Parse(hooks[0].Body)!["type"]!.GetValue<string>());
    }

    private static (int Opened, int Closed) Status(EventRecorder recorder, Guid campaign) => (
        recorder.Received<CampaignOpened>().Count(e => e.CampaignId == campaign),
        recorder.Received<CampaignClosed>().Count(e => e.CampaignId == campaign));

    private static async Task<List<(string Status, double Responses, string? ComputedAt, string Body)>> FeedsAsync(Tokens tokens, IReadOnlyList<Uri> silos, Guid campaign, CancellationToken ct)
    {
        var reads = await Task.WhenAll(silos.Select(async silo =>
        {
            using var analyst = tokens.Client(silo, Roles.PolicyAnalyst);
            using var response = await analyst.GetAsync(new Uri($"/api/feeds/areas/S92000003?campaign={campaign}", UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync(ct);
            var root = JsonNode.Parse(body)!;
            var feed = root["campaigns"]![0]!;
            var computedAt = root["computedAt"]?.ToString();
            return (feed["status"]!.GetValue<string>(), feed["responses"]!["value"]!.GetValue<double>(), computedAt, body);
        }));
        return [.. reads];
    }

    private static async Task<uint> ConsumersAsync(Uri eventBus, string queue, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = eventBus };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        return (await channel.QueueDeclarePassiveAsync(queue, ct)).ConsumerCount;
    }

    /// <summary>Clients with tokens signed by the run's development key, each user a new subject.</summary>
    private sealed class Tokens(PlatformHost host)
    {
        private readonly IdentityOptions _identity = new() { SigningKey = host.SigningKey };

        public HttpClient Client(Uri baseAddress, string role, string? organisation = null)
        {
            var token = DevelopmentSigningKey.IssueToken(_identity, $"scale-{role}-{Guid.NewGuid():N}", [role], organisation, TimeProvider.System);
            var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }
}
