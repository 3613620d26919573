using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.Subscriptions.Tests.Infrastructure;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using ChampionNetwork.TestInfrastructure.Webhooks;

namespace ChampionNetwork.Subscriptions.Tests;

/// <summary>The subscriptions API on the real InsightHub: roles, ownership, validation, secrets, the delivery log, unsubscribe.</summary>
public sealed class SubscriptionsApiTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
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

    private object Webhook(string? name = null) => new { name, channel = "webhook", webhookUrl = _receiver.Url.ToString(), cadence = "immediate" };

    private sealed record Endpoint(string Name, HttpMethod Method, string Path, Func<object?> Body, HttpStatusCode Success);

    private Endpoint[] Endpoints(string id, string deliveryId) =>
    [
        new("create", HttpMethod.Post, "/api/subscriptions", () => Webhook(), HttpStatusCode.Created),
        new("list", HttpMethod.Get, "/api/subscriptions", () => null, HttpStatusCode.OK),
        new("get", HttpMethod.Get, $"/api/subscriptions/{id}", () => null, HttpStatusCode.OK),
        new("replace", HttpMethod.Put, $"/api/subscriptions/{id}", () => Webhook("renamed"), HttpStatusCode.OK),
        new("enable", HttpMethod.Post, $"/api/subscriptions/{id}/enable", () => null, HttpStatusCode.OK),
        new("rotate", HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate", () => new { overlapMinutes = 10 }, HttpStatusCode.OK),
        new("log", HttpMethod.Get, $"/api/subscriptions/{id}/deliveries", () => null, HttpStatusCode.OK),
        new("redeliver", HttpMethod.Post, $"/api/subscriptions/{id}/deliveries/{deliveryId}/redeliver", () => null, HttpStatusCode.Accepted),
        new("ping", HttpMethod.Post, $"/api/subscriptions/{id}/ping", () => null, HttpStatusCode.Accepted),
        new("delete", HttpMethod.Delete, $"/api/subscriptions/{id}", () => null, HttpStatusCode.NoContent),
    ];

    /// <summary>
    /// Every endpoint against every role: anonymous 401; champion, org-editor and reviewer 403; the owning analyst
    /// and an admin succeed; another analyst gets 404 from every endpoint that names a subscription.
    /// </summary>
    [Fact]
    public async Task Every_endpoint_against_every_role()
    {
        var identity = _hub.Identity;
        var callers = new (string Name, string? Token, string Expect)[]
        {
            ("anonymous", null, "401"),
            ("forged analyst", TestIdentity.Forged(Roles.PolicyAnalyst), "401"),
            ("champion", identity.Champion("S37000034"), "403"),
            ("org-editor", identity.Token(Roles.OrgEditor, "S37000034"), "403"),
            ("reviewer", identity.Token(Roles.Reviewer, null), "403"),
            ("owner analyst", identity.Token(Roles.PolicyAnalyst, null, "matrix-owner"), "ok"),
            ("other analyst", identity.Token(Roles.PolicyAnalyst, null, "matrix-other"), "404"),
            ("admin", identity.Admin(), "ok"),
        };
        var owner = _hub.Analyst("matrix-owner");
        var failures = new List<string>();
        foreach (var (name, token, expect) in callers)
        {
            foreach (var endpointName in Endpoints("x", "x").Select(e => e.Name))
            {
                // A fresh subscription with one finished delivery for every call: delete and redeliver need their own.
                var created = await SubscriptionsHub.CreateAsync(owner, Webhook());
                var id = created["subscription"]!["id"]!.GetValue<string>();
                var ping = await owner.PostAsync(new Uri($"/api/subscriptions/{id}/ping", UriKind.Relative), null);
                var deliveryId = (await ping.Content.ReadFromJsonAsync<JsonNode>())!["deliveryId"]!.GetValue<string>();
                await Eventually.Returns(() => SubscriptionsHub.DeliveryLogAsync(owner, id), log => log.Any(d => d!["status"]!.GetValue<string>() == "delivered"), TimeSpan.FromSeconds(20), "for the ping to be delivered");

                var endpoint = Endpoints(id, deliveryId).Single(e => e.Name == endpointName);
                using var client = _hub.Service.ClientWithToken(token);
                using var request = new HttpRequestMessage(endpoint.Method, new Uri(endpoint.Path, UriKind.Relative));
                if (endpoint.Body() is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }

                var response = await client.SendAsync(request);
                var expected = expect switch
                {
                    "401" => HttpStatusCode.Unauthorized,
                    "403" => HttpStatusCode.Forbidden,
                    // Another analyst may create and list (their own); everything naming the owner's subscription is 404.
                    "404" => endpoint.Name is "create" or "list" ? endpoint.Success : HttpStatusCode.NotFound,
                    _ => endpoint.Success,
                };
                if (response.StatusCode != expected)
                {
                    failures.Add($"{name} {endpoint.Method} {endpoint.Name}: {(int)response.StatusCode}, expected {(int)expected} ({await response.Content.ReadAsStringAsync()})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task An_analyst_cannot_see_or_change_another_analyst_s_subscription()
    {
        var alice = _hub.Analyst("alice");
        var bob = _hub.Analyst("bob");
        var created = await SubscriptionsHub.CreateAsync(alice, Webhook("alice's"));
        var id = created["subscription"]!["id"]!.GetValue<string>();

        var bobs = await bob.GetFromJsonAsync<JsonArray>(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.DoesNotContain(bobs!, s => s!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PutAsJsonAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative), new { channel = "webhook", webhookUrl = "http://127.0.0.1:9/stolen" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync(new Uri($"/api/subscriptions/{id}/secret/rotate", UriKind.Relative), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(new Uri($"/api/subscriptions/{id}/deliveries", UriKind.Relative))).StatusCode);

        var still = await alice.GetFromJsonAsync<JsonNode>(new Uri($"/api/subscriptions/{id}", UriKind.Relative));
        Assert.Equal("alice's", still!["name"]!.GetValue<string>());
        Assert.Equal(_receiver.Url.ToString(), still["webhookUrl"]!.GetValue<string>());

        var all = await _hub.Admin().GetFromJsonAsync<JsonArray>(new Uri("/api/subscriptions", UriKind.Relative));
        Assert.Contains(all!, s => s!["id"]!.GetValue<string>() == id);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"webhookUrl":"http://127.0.0.1:9/x"}""", "channel" },
        { """{"channel":"pigeon"}""", "channel" },
        { """{"channel":"webhook","webhookUrl":"ftp://example.org/x"}""", "webhookUrl" },
        { """{"channel":"webhook","webhookUrl":"not a url"}""", "webhookUrl" },
        { """{"channel":"webhook","webhookUrl":"http://169.254.169.254/latest/meta-data/"}""", "webhookUrl" },
        { """{"channel":"webhook","webhookUrl":"http://10.0.0.1/hook"}""", "webhookUrl" },
        { """{"channel":"webhook","webhookUrl":"http://user:pw@example.org/hook"}""", "webhookUrl" },
        { """{"channel":"email","email":"not-an-address"}""", "email" },
        { """{"channel":"email"}""", "email" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","cadence":"hourly"}""", "cadence" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","areas":["S92000003","X1"]}""", "areas[1]" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","pillars":["Sleep"]}""", "pillars[0]" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","outcomes":["NURTURE-S99"]}""", "outcomes[0]" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","measures":["raw-count"]}""", "measures[0]" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","eventKinds":["every-response"]}""", "eventKinds[0]" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","contactEmail":"nope"}""", "contactEmail" },
        { """{"channel":"webhook","webhookUrl":"https://example.org/h","areas":"S92000003"}""", "areas" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_400_problem_naming_the_field(string json, string field)
    {
        var response = await _hub.Analyst("validator").PostAsync(new Uri("/api/subscriptions", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.Any(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Key.Equals("$." + field, StringComparison.OrdinalIgnoreCase)), $"errors: {errors.ToJsonString()}");
    }

    [Fact]
    public async Task A_rotation_overlap_out_of_range_is_a_400_naming_it()
    {
        var analyst = _hub.Analyst("rotator");
        var id = (await SubscriptionsHub.CreateAsync(analyst, Webhook()))["subscription"]!["id"]!.GetValue<string>();
        var response = await analyst.PostAsJsonAsync(new Uri($"/api/subscriptions/{id}/secret/rotate", UriKind.Relative), new { overlapMinutes = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["overlapMinutes"]);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_a_rotation_signs_with_both_during_the_overlap()
    {
        var analyst = _hub.Analyst("secrets");
        var created = await SubscriptionsHub.CreateAsync(analyst, Webhook());
        var id = created["subscription"]!["id"]!.GetValue<string>();
        var first = created["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await analyst.GetStringAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await analyst.GetStringAsync(new Uri("/api/subscriptions", UriKind.Relative)), StringComparison.Ordinal);

        var rotated = await (await analyst.PostAsJsonAsync(new Uri($"/api/subscriptions/{id}/secret/rotate", UriKind.Relative), new { overlapMinutes = 60 })).Content.ReadFromJsonAsync<JsonNode>();
        var second = rotated!["secret"]!.GetValue<string>();
        Assert.NotEqual(first, second);

        var webhook = await PingAndReceiveAsync(analyst, id);
        Assert.Equal(2, webhook.Signature.Split(' ').Length);
        Assert.True(SignatureTests.AnyVerifies(second, webhook.Id, webhook.Timestamp, webhook.Body, webhook.Signature));
        Assert.True(SignatureTests.AnyVerifies(first, webhook.Id, webhook.Timestamp, webhook.Body, webhook.Signature));
        Assert.False(SignatureTests.AnyVerifies(SignatureTestsSecret, webhook.Id, webhook.Timestamp, webhook.Body, webhook.Signature));

        // Without an overlap the old secret stops signing at once.
        var third = (await (await analyst.PostAsJsonAsync(new Uri($"/api/subscriptions/{id}/secret/rotate", UriKind.Relative), new { overlapMinutes = 0 })).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>();
        var next = await PingAndReceiveAsync(analyst, id);
        Assert.Single(next.Signature.Split(' '));
        Assert.True(SignatureTests.AnyVerifies(third, next.Id, next.Timestamp, next.Body, next.Signature));
        Assert.False(SignatureTests.AnyVerifies(second, next.Id, next.Timestamp, next.Body, next.Signature));
    }

    private static readonly string SignatureTestsSecret = "whsec_" + Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task The_log_shows_each_attempt_and_a_manual_redelivery_is_the_same_message()
    {
        var analyst = _hub.Analyst("logger");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = WebhookReceiver.Status(400, "bad signature, says the receiver");
        var id = (await SubscriptionsHub.CreateAsync(analyst, new { channel = "webhook", webhookUrl = receiver.Url.ToString() }))["subscription"]!["id"]!.GetValue<string>();
        var ping = (await (await analyst.PostAsync(new Uri($"/api/subscriptions/{id}/ping", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var deliveryId = ping["deliveryId"]!.GetValue<string>();

        var log = await Eventually.Returns(() => SubscriptionsHub.DeliveryLogAsync(analyst, id), l => l.Count == 1 && l[0]!["status"]!.GetValue<string>() == "failed", TimeSpan.FromSeconds(20), "for the ping to fail once");
        var attempt = log[0]!["attemptLog"]!.AsArray().Single()!;
        Assert.Equal(400, attempt["statusCode"]!.GetValue<int>());
        Assert.Equal("bad signature, says the receiver", attempt["response"]!.GetValue<string>());
        Assert.True(attempt["durationMs"]!.GetValue<int>() >= 0);
        Assert.NotNull(attempt["attemptedAt"]);

        receiver.Respond = WebhookReceiver.Status(200);
        var redelivered = await analyst.PostAsync(new Uri($"/api/subscriptions/{id}/deliveries/{deliveryId}/redeliver", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        log = await Eventually.Returns(() => SubscriptionsHub.DeliveryLogAsync(analyst, id), l => l[0]!["status"]!.GetValue<string>() == "delivered", TimeSpan.FromSeconds(20), "for the redelivery");
        var attempts = log[0]!["attemptLog"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1]!["manual"]!.GetValue<bool>());
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        Assert.Equal(ping["messageId"]!.GetValue<string>(), receiver.Received[0].Id);
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_signing_in_and_a_forged_one_does_not()
    {
        var analyst = _hub.Analyst("leaver");
        var id = (await SubscriptionsHub.CreateAsync(analyst, Webhook()))["subscription"]!["id"]!.GetValue<string>();
        var webhook = await PingAndReceiveAsync(analyst, id);
        var link = new Uri(JsonNode.Parse(webhook.Body)!["data"]!["unsubscribe"]!.GetValue<string>());
        var anonymous = _hub.Service.ClientWithToken(null);

        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        var forged = await anonymous.PostAsync(new Uri("/api/subscriptions/unsubscribe?token=" + tampered, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotNull((await forged.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["token"]);

        var page = await anonymous.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var response = await anonymous.PostAsync(new Uri(link.PathAndQuery, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/subscriptions/{id}", UriKind.Relative));
        Assert.Equal("unsubscribed", after!["status"]!.GetValue<string>());
    }

    private async Task<ReceivedWebhook> PingAndReceiveAsync(HttpClient analyst, string id)
    {
        var ping = (await (await analyst.PostAsync(new Uri($"/api/subscriptions/{id}/ping", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var messageId = ping["messageId"]!.GetValue<string>();
        return await Eventually.Returns(() => Task.FromResult(_receiver.Received.FirstOrDefault(r => r.Id == messageId)), r => r is not null, TimeSpan.FromSeconds(20), "for the ping")
            ?? throw new InvalidOperationException("unreachable");
    }
}
