using System.Globalization;
using System.Text;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>
/// Tidy CSV in the shape of statistics.gov.scot: one figure per row. Campaign figures have the campaign id as
/// <c>ref_period</c>; good practice and case studies the quarter (<c>2026-Q4</c>).
/// </summary>
public static class CsvFeed
{
    public static readonly string[] Columns =
        ["ref_area", "ref_area_name", "ref_period", "measure", "pillar", "outcome", "item", "value", "unit", "qualifier", "instrument_version", "disclosure_policy", "computed_at"];

    public static byte[] Render(IReadOnlyList<Area> scope, IReadOnlyList<DisclosedCampaign> campaigns, IReadOnlyList<(Area Area, ActivityFigures Figures)> activity, DateTimeOffset? activityComputedAt, string policy, string? pillar)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var campaign in campaigns.OrderBy(c => c.CampaignId))
        {
            var context = (Version: campaign.InstrumentVersion.ToString(CultureInfo.InvariantCulture), Policy: policy, At: Time(campaign.Version.ComputedAt));
            foreach (var area in scope)
            {
                var f = campaign.Areas[area.Code.Value];
                var period = campaign.CampaignId.ToString("D");
                void Row(string measure, string pillarCode, string outcome, string item, DisclosedValue value, string unit)
                {
                    if (pillar is null || string.Equals(pillar, pillarCode, StringComparison.OrdinalIgnoreCase))
                    {
                        Line(csv, area, period, measure, pillarCode, outcome, item, Number(value.Value), unit, value.Qualifier ?? "", context.Version, context.Policy, context.At);
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
            foreach (var (area, figures) in activity)
            {
                var at = Time(activityComputedAt);
                Line(csv, area, figures.Period, "good-practice-shared", "", "", "", Count(figures.GoodPracticeShared), "items", "", "", policy, at);
                Line(csv, area, figures.Period, "good-practice-adopted", "", "", "", Count(figures.GoodPracticeAdopted), "items", "", "", policy, at);
                Line(csv, area, figures.Period, "case-studies-published", "", "", "", Count(figures.CaseStudiesPublished), "items", "", "", policy, at);
                Line(csv, area, figures.Period, "case-studies-withdrawn", "", "", "", Count(figures.CaseStudiesWithdrawn), "items", "", "", policy, at);
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void Line(StringBuilder csv, Area area, params string[] fields)
    {
        csv.Append(Field(area.Code.Value)).Append(',').Append(Field(area.Name));
        foreach (var field in fields)
        {
            csv.Append(',').Append(Field(field));
        }

        csv.Append("\r\n");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
