using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace ChampionNetwork.InsightHub.Subscriptions.Delivery;

/// <summary>
/// Sends one webhook per the Standard Webhooks spec: <c>webhook-id</c> (the delivery's message id, the same on every
/// retry), <c>webhook-timestamp</c> (the attempt's, in Unix seconds) and <c>webhook-signature</c> (<c>v1,…</c> with the
/// current secret, then with the previous one during a rotation's overlap), signed by the StandardWebhooks library.
/// The client follows no redirect, reaches only what <see cref="WebhookTargetGuard"/> admits, gives up after
/// <see cref="WebhookOptions.Timeout"/> and reads at most the first kilobyte of the response.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _clock;
    private readonly IOptions<SubscriptionOptions> _options;
    private readonly WebhookTargetPolicy _policy;

    public WebhookSender(WebhookTargetGuard guard, WebhookTargetPolicy policy, TimeProvider clock, IOptions<SubscriptionOptions> options)
    {
        _clock = clock;
        _options = options;
        _policy = policy;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.Value.Webhooks.Timeout,
            MaxResponseHeadersLength = 64, // KB
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("ChampionNetwork-Webhooks/1.0");
    }

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret in use, separated by spaces.</summary>
    public static string Signatures(Subscription subscription, string messageId, DateTimeOffset timestamp, string payload, DateTimeOffset now)
    {
        var secrets = new List<string>();
        if (subscription.Secret is { } current)
        {
            secrets.Add(current);
        }

        if (subscription.PreviousSecret is { } previous && subscription.PreviousSecretExpiresAt > now)
        {
            secrets.Add(previous);
        }

        return string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(messageId, timestamp, payload)));
    }

    public async Task<AttemptResult> SendAsync(Subscription subscription, Delivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (_policy.RefusalOf(subscription.WebhookUrl) is { } refusal)
        {
            return new AttemptResult(AttemptVerdict.Failed, null, "refused: " + refusal, TimeSpan.Zero, refusal);
        }

        var now = _clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.WebhookUrl)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signatures(subscription, delivery.MessageId, now, delivery.Payload, now));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Value.Webhooks.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started);
            return status switch
            {
                >= 200 and < 300 => new AttemptResult(AttemptVerdict.Delivered, status, "delivered", elapsed, excerpt),
                410 => new AttemptResult(AttemptVerdict.Gone, status, "410 Gone: endpoint disabled", elapsed, excerpt),
                429 => new AttemptResult(AttemptVerdict.Retry, status, "429: retried", elapsed, excerpt, RetryAfterOf(response.Headers.RetryAfter, now)),
                >= 500 => new AttemptResult(AttemptVerdict.Retry, status, $"{status}: retried", elapsed, excerpt),
                >= 300 and < 400 => new AttemptResult(AttemptVerdict.Failed, status, $"{status}: redirects are not followed", elapsed, excerpt),
                _ => new AttemptResult(AttemptVerdict.Failed, status, $"{status}: not retried", elapsed, excerpt),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(AttemptVerdict.Retry, null, "timeout: retried", Stopwatch.GetElapsedTime(started), $"No response within {_options.Value.Webhooks.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new AttemptResult(AttemptVerdict.Failed, null, "refused: target not allowed", Stopwatch.GetElapsedTime(started), refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(AttemptVerdict.Retry, null, "connection failed: retried", Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }

    private static WebhookTargetRefusedException? Refusal(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>The first kilobyte of the body, no more: a huge or endless response costs nothing.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[DeliveryAttempt.ResponseExcerptBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read).Replace("\u0000", "", StringComparison.Ordinal);
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) =>
        retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > now => date - now,
            _ => null,
        };

    public void Dispose() => _client.Dispose();
}
