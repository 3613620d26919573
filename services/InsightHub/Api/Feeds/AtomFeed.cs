using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ChampionNetwork.InsightHub.Disclosure;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Atom 1.0 "something changed": one entry per campaign and area with figures, updated when that area's figures
/// last changed, newest first. Each entry states the policy, the instrument version and links to the JSON.
/// </summary>
public static class AtomFeed
{
    public const int MaxEntries = 500;
    private const string Scheme = "https://championnetwork.scot/feeds/";

    public static byte[] Render(IReadOnlyList<DisclosedCampaign> campaigns, string policy, Uri baseUri)
    {
        var entries = campaigns
            .SelectMany(c => c.Areas.Values.Where(a => a.Responses.IsSuppressed || a.Responses.Value > 0).Select(a => (Campaign: c, Area: a)))
            .OrderByDescending(e => e.Campaign.Version.ComputedAt)
            .ThenBy(e => e.Area.Area.Code, StringComparer.Ordinal)
            .Take(MaxEntries)
            .Select(e => Entry(e.Campaign, e.Area, policy, baseUri))
            .ToList();

        var updated = campaigns.Count == 0 ? DateTimeOffset.UnixEpoch : campaigns.Max(c => c.Version.ComputedAt);
        var feed = new SyndicationFeed(
            "ChampionNetwork insight",
            $"Workforce wellbeing insight by area, disclosure policy {policy}",
            new Uri(baseUri, "/api/feeds/insight.atom"),
            "urn:championnetwork:insight",
            updated,
            entries);
        feed.Authors.Add(new SyndicationPerson { Name = "ChampionNetwork InsightHub" });
        feed.Categories.Add(new SyndicationCategory(policy, Scheme + "disclosure-policy", $"Disclosure policy {policy}"));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static SyndicationItem Entry(DisclosedCampaign campaign, AreaFigures area, string policy, Uri baseUri)
    {
        var title = $"{area.Area.Name}: {campaign.Title ?? campaign.CampaignId.ToString("D")}";
        var summary = $"Responses {Show(area.Responses)}; response rate {Show(area.ResponseRate)}%. "
            + string.Join("; ", area.Items.Select(i => $"{i.ItemId} mean {Show(i.Mean)}, agreeing {Show(i.ShareAgreeing)}%"))
            + $". Campaign {campaign.Status}; instrument version {campaign.InstrumentVersion}; disclosure policy {policy}.";
        var item = new SyndicationItem(
            title,
            summary,
            new Uri(baseUri, $"/api/feeds/areas/{area.Area.Code}?campaign={campaign.CampaignId:D}"),
            $"urn:championnetwork:insight:{campaign.CampaignId:D}:{area.Area.Code}",
            campaign.Version.ComputedAt);
        item.Summary = new TextSyndicationContent(summary);
        item.Categories.Add(new SyndicationCategory(policy, Scheme + "disclosure-policy", null));
        item.Categories.Add(new SyndicationCategory(campaign.InstrumentVersion.ToString(CultureInfo.InvariantCulture), Scheme + "instrument-version", null));
        item.Categories.Add(new SyndicationCategory(area.Area.Code, Scheme + "area", area.Area.Name));
        return item;
    }

    private static string Show(DisclosedValue value) =>
        value.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + (value.Qualifier is { } q ? $" [{q}]" : "") : $"[{value.Qualifier}]";
}
