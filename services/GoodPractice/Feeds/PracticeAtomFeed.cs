using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.GoodPractice.Feeds;

/// <summary>
/// Atom 1.0 of new and updated practices, most recently updated first: each entry's content is the practice's
/// sanitised HTML, its categories its pillars, outcomes and tags, its author the sharing organisation.
/// </summary>
public static class PracticeAtomFeed
{
    public const int MaxEntries = 100;
    private const string Scheme = "https://championnetwork.scot/practices/";

    public static byte[] Render(IReadOnlyList<PracticeItem> practices, string title, string selfPath, string feedId, Uri baseUri, AreaRegistry areas)
    {
        var entries = practices.Select(p => Entry(p, baseUri, areas)).ToList();
        var updated = practices.Count == 0 ? DateTimeOffset.UnixEpoch : practices.Max(p => p.UpdatedAt);
        var feed = new SyndicationFeed(title, "Good practice shared across the Network", new Uri(baseUri, selfPath), feedId, updated, entries);
        feed.Authors.Add(new SyndicationPerson { Name = "ChampionNetwork GoodPractice" });
        feed.Links.Add(new SyndicationLink(new Uri(baseUri, selfPath), "self", title, "application/atom+xml", 0));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static SyndicationItem Entry(PracticeItem practice, Uri baseUri, AreaRegistry areas)
    {
        var organisation = areas.Summary(practice.OrganisationCode);
        var item = new SyndicationItem(
            practice.Title,
            SyndicationContent.CreateHtmlContent(practice.BodyHtml),
            new Uri(baseUri, $"/api/practices/{practice.Id:D}"),
            $"urn:championnetwork:practice:{practice.Id:D}",
            practice.UpdatedAt)
        {
            PublishDate = practice.CreatedAt,
            Summary = new TextSyndicationContent(practice.Summary),
        };
        item.Authors.Add(new SyndicationPerson { Name = organisation.Name });
        foreach (var pillar in practice.Pillars)
        {
            item.Categories.Add(new SyndicationCategory(pillar, Scheme + "pillar", null));
        }

        foreach (var outcome in practice.OutcomeCodes)
        {
            item.Categories.Add(new SyndicationCategory(outcome, Scheme + "outcome", null));
        }

        foreach (var tag in practice.Tags)
        {
            item.Categories.Add(new SyndicationCategory(tag, Scheme + "tag", null));
        }

        item.Categories.Add(new SyndicationCategory(organisation.Code, Scheme + "organisation", organisation.Name));
        return item;
    }
}
