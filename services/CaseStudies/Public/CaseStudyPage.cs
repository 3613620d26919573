using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChampionNetwork.CaseStudies.Public;

/// <summary>
/// The public HTML: plain, semantic markup that reads well without JavaScript or styles (the portal styles it). The
/// body is the stored sanitised HTML; everything else is encoded here.
/// </summary>
public static class CaseStudyPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(PublicCaseStudy study)
    {
        var page = new StringBuilder();
        Head(page, study.Title);
        page.Append("<main id=\"content\">");
        if (study.Withdrawn)
        {
            page.Append("<div class=\"withdrawn-banner\" role=\"note\"><h2>This case study was withdrawn on ")
                .Append(Date(study.WithdrawnAt!.Value)).Append("</h2><p>").Append(Html.Encode(study.WithdrawalExplanation ?? "")).Append("</p></div>");
        }

        page.Append("<article><header><p class=\"kind\">Case study</p><h1>").Append(Html.Encode(study.Title)).Append("</h1><p class=\"summary\">")
            .Append(Html.Encode(study.Summary)).Append("</p><dl class=\"metadata\"><dt>From</dt><dd>").Append(Html.Encode(study.Organisation.Name))
            .Append("</dd><dt>Published</dt><dd>").Append(Date(study.FirstPublishedAt)).Append("</dd><dt>Last updated</dt><dd>")
            .Append(Date(study.LastMajorChangeAt)).Append("</dd>");
        if (study.Pillars.Count > 0)
        {
            page.Append("<dt>Pillars</dt><dd>").Append(Html.Encode(string.Join(", ", study.Pillars))).Append("</dd>");
        }

        page.Append("</dl></header>");
        if (study.NamesChanged)
        {
            page.Append("<p class=\"privacy-note\">").Append(PublicCaseStudy.NamesChangedNote).Append("</p>");
        }

        if (study.BodyHidden)
        {
            page.Append("<p class=\"body-hidden\">The text of this case study is not shown: a person it quoted has withdrawn their consent.</p>");
        }
        else
        {
            page.Append("<div class=\"body\">").Append(study.BodyHtml).Append("</div>");
            if (study.QuotedPeople.Count > 0)
            {
                page.Append("<section class=\"quoted\"><h2>People quoted</h2><ul>");
                foreach (var person in study.QuotedPeople)
                {
                    page.Append("<li>").Append(Html.Encode(person.ShownAs)).Append(", ").Append(Html.Encode(person.Role))
                        .Append(person.NameChanged ? " (name changed)" : "").Append("</li>");
                }

                page.Append("</ul><p>Everyone quoted agreed to be quoted here.</p></section>");
            }
        }

        page.Append("<section id=\"history\"><h2>Updates to this page</h2><ol class=\"change-notes\">");
        foreach (var note in study.ChangeNotes)
        {
            page.Append("<li><time datetime=\"").Append(note.At.ToString("O", CultureInfo.InvariantCulture)).Append("\">").Append(Date(note.At))
                .Append("</time> <span class=\"edition\">Edition ").Append(note.Edition.ToString(CultureInfo.InvariantCulture)).Append(":</span> ")
                .Append(Html.Encode(note.Note)).Append("</li>");
        }

        page.Append("</ol></section></article></main>");
        Foot(page);
        return page.ToString();
    }

    public static string RenderIndex(IReadOnlyList<PublicCaseStudy> studies)
    {
        var page = new StringBuilder();
        Head(page, "Case studies");
        page.Append("<main id=\"content\"><h1>Case studies</h1><ul class=\"case-studies\">");
        foreach (var study in studies)
        {
            page.Append("<li><a href=\"/case-studies/").Append(Html.Encode(study.Slug)).Append("\">").Append(Html.Encode(study.Title)).Append("</a>")
                .Append(study.Withdrawn ? " <strong>(withdrawn)</strong>" : "").Append("<p>").Append(Html.Encode(study.Summary)).Append("</p><p>")
                .Append(Html.Encode(study.Organisation.Name)).Append(", updated ").Append(Date(study.LastMajorChangeAt)).Append("</p></li>");
        }

        page.Append("</ul></main>");
        Foot(page);
        return page.ToString();
    }

    private static void Head(StringBuilder page, string title) =>
        page.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Html.Encode(title)).Append(" - Workforce Wellbeing Champion Network</title>")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Case studies\" href=\"/api/feeds/case-studies.atom\"></head><body>")
            .Append("<a class=\"skip-link\" href=\"#content\">Skip to main content</a><header><p><a href=\"/case-studies\">Case studies</a></p></header>");

    private static void Foot(StringBuilder page) => page.Append("<footer><p><a href=\"/api/feeds/case-studies.atom\">Atom feed</a></p></footer></body></html>");

    private static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
