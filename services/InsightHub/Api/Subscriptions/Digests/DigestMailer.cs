using System.Diagnostics;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChampionNetwork.InsightHub.Subscriptions.Digests;

/// <summary>
/// Sends e-mail deliveries (digests, pings, owner notices) with MailKit over SMTP to the configured relay. A
/// transient failure (no relay configured, connection, 4xx reply) is retried on the same schedule as webhooks; a
/// permanent 5xx reply is not.
/// </summary>
public sealed class DigestMailer(DigestRenderer renderer, IOptions<SubscriptionOptions> options)
{
    public async Task<AttemptResult> SendAsync(Subscription subscription, Delivery.Delivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var smtp = options.Value.Smtp;
        var to = delivery.Kind == DeliveryKind.OwnerNotice ? subscription.ContactEmail ?? subscription.Email : subscription.Email;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new AttemptResult(AttemptVerdict.Retry, null, "no SMTP relay configured: retried", TimeSpan.Zero, $"Set {SubscriptionOptions.SectionName}:Smtp:Host.");
        }

        if (to is null || !MailboxAddress.TryParse(to, out var recipient))
        {
            return new AttemptResult(AttemptVerdict.Failed, null, "no valid recipient", TimeSpan.Zero, null);
        }

        var message = renderer.Render(subscription, delivery);
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(recipient);

        using var client = new SmtpClient { Timeout = (int)options.Value.Webhooks.Timeout.TotalMilliseconds };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Webhooks.Timeout * 2);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), timeout.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", timeout.Token);
            }

            var reply = await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return new AttemptResult(AttemptVerdict.Delivered, 250, "delivered", Stopwatch.GetElapsedTime(started), reply);
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            return code >= 500
                ? new AttemptResult(AttemptVerdict.Failed, code, $"SMTP {code}: not retried", Stopwatch.GetElapsedTime(started), ex.Message)
                : new AttemptResult(AttemptVerdict.Retry, code, $"SMTP {code}: retried", Stopwatch.GetElapsedTime(started), ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(AttemptVerdict.Retry, null, "timeout: retried", Stopwatch.GetElapsedTime(started), "The SMTP relay did not answer in time.");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException or AuthenticationException or TimeoutException)
        {
            return new AttemptResult(AttemptVerdict.Retry, null, "SMTP relay unreachable: retried", Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }
}
