using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.TestInfrastructure.Webhooks;

/// <summary>One webhook request as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A webhook endpoint on real Kestrel, on loopback (IPv4, and IPv6 when asked): it records every request and answers
/// as <see cref="Respond"/> says (200 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How to answer a request; the default is 200 "ok".</summary>
    public Func<ReceivedWebhook, HttpContext, Task> Respond { get; set; } = (_, http) => http.Response.WriteAsync("ok");

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public Uri Url { get; private set; } = null!;

    public Uri? Ipv6Url { get; private set; }

    public static async Task<WebhookReceiver> StartAsync(bool ipv6 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls(ipv6 ? ["http://127.0.0.1:0", "http://[::1]:0"] : ["http://127.0.0.1:0"]);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var webhook = new ReceivedWebhook(
                http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(),
                body,
                DateTimeOffset.UtcNow);
            receiver._received.Enqueue(webhook);
            await receiver.Respond(webhook, http);
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        receiver.Url = new Uri(addresses.First(a => a.Contains("127.0.0.1", StringComparison.Ordinal)) + "/hooks");
        receiver.Ipv6Url = addresses.FirstOrDefault(a => a.Contains("[::1]", StringComparison.Ordinal)) is { } v6 ? new Uri(v6 + "/hooks") : null;
        return receiver;
    }

    public static Func<ReceivedWebhook, HttpContext, Task> Status(int status, string body = "", string? retryAfter = null) => async (_, http) =>
    {
        http.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        await http.Response.WriteAsync(body);
    };

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
