using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace ChampionNetwork.CaseStudies.Public;

/// <summary>
/// Atom 1.0 of public case studies, the last major change first. An entry's <c>updated</c> moves only on a major change
/// (or a withdrawal): a minor change alerts no one. Its summary is the latest public change note.
/// </summary>
public static class CaseStudyAtomFeed
{
    public const int MaxEntries = 100;

    public static byte[] Render(IReadOnlyList<PublicCaseStudy> studies, Uri baseUri)
    {
        var entries = studies.Take(MaxEntries).Select(s => Entry(s, baseUri)).ToList();
        var updated = studies.Count == 0 ? DateTimeOffset.UnixEpoch : studies.Max(s => s.LastMajorChangeAt);
        var self = new Uri(baseUri, "/api/feeds/case-studies.atom");
        var feed = new SyndicationFeed("Case studies", "Case studies published across the Network", new Uri(baseUri, "/case-studies"), "urn:championnetwork:case-studies", updated, entries);
        feed.Authors.Add(new SyndicationPerson { Name = "ChampionNetwork CaseStudies" });
        feed.Links.Add(new SyndicationLink(self, "self", "Case studies", "application/atom+xml", 0));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static SyndicationItem Entry(PublicCaseStudy study, Uri baseUri)
    {
        var latest = study.ChangeNotes.FirstOrDefault();
        var change = study.Withdrawn
            ? $"Withdrawn: {study.WithdrawalExplanation}"
            : latest is null ? "" : string.Create(CultureInfo.InvariantCulture, $"Edition {latest.Edition}: {latest.Note}");
        var item = new SyndicationItem(
            study.Withdrawn ? $"[Withdrawn] {study.Title}" : study.Title,
            SyndicationContent.CreateHtmlContent(study.BodyHtml ?? $"<p>{System.Net.WebUtility.HtmlEncode(study.Summary)}</p>"),
            new Uri(baseUri, $"/case-studies/{study.Slug}"),
            $"urn:championnetwork:case-study:{study.Id:D}",
            study.LastMajorChangeAt)
        {
            PublishDate = study.FirstPublishedAt,
            Summary = new TextSyndicationContent(change),
        };
        item.Authors.Add(new SyndicationPerson { Name = study.Organisation.Name });
        foreach (var pillar in study.Pillars)
        {
            item.Categories.Add(new SyndicationCategory(pillar, "https://championnetwork.scot/case-studies/pillar", null));
        }

        return item;
    }
}
