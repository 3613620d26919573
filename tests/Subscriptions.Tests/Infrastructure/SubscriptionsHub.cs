using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.Subscriptions.Tests.Infrastructure;

/// <summary>InsightHub hosted in the test process with its real wiring, on the class's own vhost, Redis prefix and insighthubdb, and a real SMTP relay.</summary>
internal sealed class SubscriptionsHub : IAsyncDisposable
{
    private SubscriptionsHub(ServiceUnderTest<Program> service, TestIdentity identity, TestSmtp smtp)
    {
        Service = service;
        Identity = identity;
        Smtp = smtp;
    }

    public ServiceUnderTest<Program> Service { get; }

    public TestIdentity Identity { get; }

    public TestSmtp Smtp { get; }

    public IBus Bus => Service.Services.GetRequiredService<IBus>();

    public static async Task<SubscriptionsHub> StartAsync(IsolatedServers servers)
    {
        var identity = new TestIdentity();
        var smtp = TestSmtp.Start();
        var settings = ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), identity);
        foreach (var (key, value) in smtp.Settings)
        {
            settings[key] = value;
        }

        settings["InsightHub:Subscriptions:PublicBaseUrl"] = "http://insight.test";
        var service = new ServiceUnderTest<Program>(settings);
        service.Start();
        await service.WaitUntilHealthyAsync();
        return new SubscriptionsHub(service, identity, smtp);
    }

    public HttpClient Analyst(string subject) => Service.ClientWithToken(Identity.Token(ChampionNetwork.Identity.Roles.PolicyAnalyst, null, subject));

    public HttpClient Admin() => Service.ClientWithToken(Identity.Admin());

    /// <summary>Creates a subscription; returns its JSON (subscription and, for a webhook, the secret).</summary>
    public static async Task<JsonNode> CreateAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonArray> DeliveryLogAsync(HttpClient client, string subscriptionId) =>
        (await client.GetFromJsonAsync<JsonArray>(new Uri($"/api/subscriptions/{subscriptionId}/deliveries", UriKind.Relative)))!;

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
