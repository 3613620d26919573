using System.Globalization;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.ReferenceData;
using CsvHelper;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Tidy CSV in the shape of statistics.gov.scot, written as RFC 4180 by CsvHelper: one figure per row. Campaign
/// figures have the campaign's window as <c>ref_period</c> (<c>2026-11-02/2026-11-29</c>) and the campaign in
/// <c>campaign_id</c>; good practice and case studies have the quarter (<c>2026-Q4</c>) and no campaign.
/// <c>computed_at</c> is the publication time of the snapshot the row comes from.
/// </summary>
public static class CsvFeed
{
    public static readonly string[] Columns =
        ["ref_area", "ref_area_name", "ref_period", "campaign_id", "measure", "pillar", "outcome", "item", "value", "unit", "qualifier", "instrument_version", "disclosure_policy", "computed_at"];

    public static byte[] Render(IReadOnlyList<Area> scope, IReadOnlyList<PublishedCampaign> campaigns, IReadOnlyList<(Area Area, ActivityFigures Figures)> activity, DateTimeOffset? activityPublishedAt, string policy, string? pillar)
    {
        using var bytes = new MemoryStream();
        // The defaults are RFC 4180: CRLF, quotes only where needed, the same field count on every record, no BOM.
        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteRecord(Columns);
            foreach (var published in campaigns.OrderBy(c => c.CampaignId))
            {
                var campaign = published.Figures;
                var version = campaign.InstrumentVersion.ToString(CultureInfo.InvariantCulture);
                var at = FeedResponses.Time(published.PublishedAt);
                var id = campaign.CampaignId.ToString("D");
                foreach (var area in scope)
                {
                    var f = campaign.Areas[area.Code.Value];
                    void Row(string measure, string pillarCode, string outcome, string item, DisclosedValue value, string unit)
                    {
                        if (pillar is null || string.Equals(pillar, pillarCode, StringComparison.OrdinalIgnoreCase))
                        {
                            csv.WriteRecord(area.Code.Value, area.Name, published.Period, id, measure, pillarCode, outcome, item, Number(value.Value), unit, value.Qualifier ?? "", version, policy, at);
                        }
                    }

                    Row("responses", "", "", "", f.Responses, "responses");
                    Row("response-rate", "", "", "", f.ResponseRate, "percent");
                    foreach (var item in f.Items)
                    {
                        var outcomes = string.Join(';', item.OutcomeCodes);
                        Row("mean-score", item.Pillar, outcomes, item.ItemId, item.Mean, "score");
                        Row("share-agreeing", item.Pillar, outcomes, item.ItemId, item.ShareAgreeing, "percent");
                        foreach (var share in item.Distribution)
                        {
                            Row($"share-answering-{share.Answer.ToString(CultureInfo.InvariantCulture)}", item.Pillar, outcomes, item.ItemId, share.Share, "percent");
                        }
                    }

                    foreach (var cut in f.Pillars)
                    {
                        Row("mean-score", cut.Pillar, "", "", cut.Mean, "score");
                        Row("share-agreeing", cut.Pillar, "", "", cut.ShareAgreeing, "percent");
                    }

                    foreach (var cut in f.Outcomes)
                    {
                        Row("mean-score", cut.Pillar, cut.Code, "", cut.Mean, "score");
                        Row("share-agreeing", cut.Pillar, cut.Code, "", cut.ShareAgreeing, "percent");
                    }
                }
            }

            if (pillar is null)
            {
                var at = activityPublishedAt is { } published ? FeedResponses.Time(published) : "";
                foreach (var (area, figures) in activity)
                {
                    csv.WriteRecord(area.Code.Value, area.Name, figures.Period, "", "good-practice-shared", "", "", "", Count(figures.GoodPracticeShared), "items", "", "", policy, at);
                    csv.WriteRecord(area.Code.Value, area.Name, figures.Period, "", "good-practice-adopted", "", "", "", Count(figures.GoodPracticeAdopted), "items", "", "", policy, at);
                    csv.WriteRecord(area.Code.Value, area.Name, figures.Period, "", "case-studies-published", "", "", "", Count(figures.CaseStudiesPublished), "items", "", "", policy, at);
                    csv.WriteRecord(area.Code.Value, area.Name, figures.Period, "", "case-studies-withdrawn", "", "", "", Count(figures.CaseStudiesWithdrawn), "items", "", "", policy, at);
                }
            }
        }

        return bytes.ToArray();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
