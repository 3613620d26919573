namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>Configuration section "InsightHub:Subscriptions".</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "InsightHub:Subscriptions";

    /// <summary>The address the feeds are reached at, for links in notices and digests (e.g. https://insight.example.scot).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>
    /// Base64 key (32 bytes) that signs unsubscribe links. Required outside Development and Testing; there a random
    /// key per process is used when it is missing (links then stop working after a restart).
    /// </summary>
    public string? UnsubscribeSecret { get; set; }

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Daily digests fall due at multiples of this since the Unix epoch (UTC midnight).</summary>
    public TimeSpan DailyDigestEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Weekly digests fall due at multiples of this since the Unix epoch, offset to Monday 00:00 UTC.</summary>
    public TimeSpan WeeklyDigestEvery { get; set; } = TimeSpan.FromDays(7);
}

public sealed class WebhookOptions
{
    /// <summary>A request with no complete response in this time is a timeout (retried). The spec's 15 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Networks (CIDR, e.g. <c>127.0.0.0/8</c>, <c>::1/128</c>) a webhook may reach although they are loopback,
    /// private, link-local or metadata addresses. Empty in production; the tests allow loopback.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>A failing endpoint is disabled after this long with no successful delivery.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);
}

public sealed class DeliveryOptions
{
    /// <summary>How often the worker looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries in flight at once in this process (each holds its row lock and a connection while it is tried).</summary>
    public int Concurrency { get; set; } = 4;
}

public sealed class SmtpOptions
{
    /// <summary>The relay's host; without it e-mail deliveries wait (retried on the schedule) until one is configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "ChampionNetwork insight <insight@championnetwork.scot>";
}
