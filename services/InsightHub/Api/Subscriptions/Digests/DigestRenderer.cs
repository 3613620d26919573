using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using MimeKit;

namespace ChampionNetwork.InsightHub.Subscriptions.Digests;

/// <summary>
/// An e-mail from a delivery's payload: plain text and HTML listing what changed (each notice's disclosed figures as
/// delivered, with its provenance and links to the feeds), and an unsubscribe link that works without signing in
/// (also as List-Unsubscribe, one-click per RFC 8058).
/// </summary>
public sealed class DigestRenderer(DeliveryFactory factory)
{
    public MimeMessage Render(Subscription subscription, Delivery.Delivery delivery)
    {
        var envelope = JsonSerializer.Deserialize<WebhookEnvelope>(delivery.Payload, NoticeJson.Options)!;
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:Arial,sans-serif\">");
        string subject;
        var unsubscribe = factory.UnsubscribeUrl(subscription.Id);
        switch (envelope.Type)
        {
            case EventKinds.Digest:
                var digest = envelope.Data.Deserialize<DigestData>(NoticeJson.Options)!;
                subject = digest.Notices.Count == 1 ? $"Insight update: {Title(digest.Notices[0])}" : $"Insight digest: {digest.Notices.Count} updates";
                Line(text, html, "h1", subject);
                foreach (var entry in digest.Notices)
                {
                    Entry(text, html, entry);
                }

                break;
            case EventKinds.EndpointDisabled:
                subject = "Your ChampionNetwork subscription was disabled";
                Line(text, html, "h1", subject);
                Line(text, html, "p", envelope.Data.GetProperty("reason").GetString() ?? "");
                Line(text, html, "p", $"Subscription {subscription.Name ?? subscription.Id.ToString("D")} ({subscription.WebhookUrl ?? subscription.Email}). Fix the endpoint, then enable the subscription again.");
                break;
            default:
                subject = "ChampionNetwork test ping";
                Line(text, html, "h1", subject);
                Line(text, html, "p", "This is a test message for your subscription. No figures are included.");
                break;
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Unsubscribe (no sign-in needed): {unsubscribe}");
        html.Append(CultureInfo.InvariantCulture, $"<hr><p><a href=\"{Encode(unsubscribe)}\">Unsubscribe</a> (no sign-in needed)</p></body></html>");

        var body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() };
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody(), MessageId = $"{delivery.MessageId}@championnetwork.scot" };
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-Webhook-Id", delivery.MessageId);
        return message;
    }

    private static string Title(DigestEntry entry)
    {
        if (entry.Type is EventKinds.CampaignClosed or EventKinds.InsightFiguresChanged)
        {
            var c = entry.Data.Deserialize<CampaignNotice>(NoticeJson.Options)!;
            return entry.Type == EventKinds.CampaignClosed ? $"{c.Title ?? "campaign"} closed" : $"{c.Title ?? "campaign"} figures changed";
        }

        return entry.Type switch
        {
            EventKinds.GoodPracticeShared => "good practice shared",
            EventKinds.GoodPracticeAdopted => "good practice adopted",
            EventKinds.CaseStudyPublished => "case study published",
            _ => entry.Type,
        };
    }

    private static void Entry(StringBuilder text, StringBuilder html, DigestEntry entry)
    {
        Line(text, html, "h2", $"{Capitalise(Title(entry))} ({Time(entry.Timestamp)})");
        if (entry.Type is EventKinds.CampaignClosed or EventKinds.InsightFiguresChanged)
        {
            var c = entry.Data.Deserialize<CampaignNotice>(NoticeJson.Options)!;
            Line(text, html, "p", $"Campaign {c.CampaignId:D}, period {c.Period}, instrument version {c.InstrumentVersion}, disclosure policy {c.DisclosurePolicy}, computed {Time(c.ComputedAt)}.");
            text.AppendLine();
            html.Append("<ul>");
            foreach (var area in c.Areas)
            {
                var parts = new List<string>();
                if (area.Responses is { } responses) parts.Add($"responses {Value(responses)}");
                if (area.ResponseRate is { } rate) parts.Add($"response rate {Value(rate, "%")}");
                foreach (var item in area.Items)
                {
                    if (item.Mean is { } mean) parts.Add($"{item.ItemId} mean {Value(mean)}");
                    if (item.ShareAgreeing is { } share) parts.Add($"{item.ItemId} agreeing {Value(share, "%")}");
                }

                var line = $"{area.Name} ({area.Code}): {(parts.Count == 0 ? "no figures chosen" : string.Join(", ", parts))}";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
                html.Append(CultureInfo.InvariantCulture, $"<li>{Encode(line)}</li>");
            }

            html.Append("</ul>");
            Links(text, html, c.Links);
        }
        else
        {
            var a = entry.Data.Deserialize<ActivityNotice>(NoticeJson.Options)!;
            html.Append("<ul>");
            foreach (var area in a.Areas)
            {
                var line = $"{area.Name} ({area.Code}), {area.Period}: good practice shared {area.GoodPracticeShared?.ToString(CultureInfo.InvariantCulture) ?? "-"}, adopted {area.GoodPracticeAdopted?.ToString(CultureInfo.InvariantCulture) ?? "-"}, case studies published {area.CaseStudiesPublished?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
                html.Append(CultureInfo.InvariantCulture, $"<li>{Encode(line)}</li>");
            }

            html.Append("</ul>");
            Links(text, html, a.Links);
        }
    }

    private static void Links(StringBuilder text, StringBuilder html, FeedLinks links)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"Feeds: JSON {links.Json} | CSV {links.Csv} | Atom {links.Atom}");
        html.Append(CultureInfo.InvariantCulture, $"<p>Feeds: <a href=\"{Encode(links.Json)}\">JSON</a> | <a href=\"{Encode(links.Csv)}\">CSV</a> | <a href=\"{Encode(links.Atom)}\">Atom</a></p>");
    }

    /// <summary>A disclosed value as the feeds show it: the number, or its qualifier (<c>c</c> suppressed, …).</summary>
    public static string Value(DisclosedValue value, string unit = "") =>
        value.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) + unit + (value.Qualifier is { } q ? $" [{q}]" : "") : $"[{value.Qualifier ?? "x"}]";

    private static void Line(StringBuilder text, StringBuilder html, string tag, string content)
    {
        text.AppendLine(content);
        html.Append(CultureInfo.InvariantCulture, $"<{tag}>{Encode(content)}</{tag}>");
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Time(DateTimeOffset at) => Feeds.FeedResponses.Time(at);

    private static string Capitalise(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
