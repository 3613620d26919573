using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Feeds;

/// <summary>Cuts an area's JSON feed out of the disclosed campaigns: its own figures and its children's.</summary>
public static class AreaFeedBuilder
{
    public static AreaFeed Build(Area area, IReadOnlyList<Area> children, string policy, IReadOnlyList<DisclosedCampaign> campaigns, IReadOnlyList<ActivityFigures> activity, DateTimeOffset? activityComputedAt)
    {
        var figures = campaigns.OrderBy(c => c.CampaignId).Select(c =>
        {
            var own = c.Areas[area.Code.Value];
            return new CampaignFigures(
                c.CampaignId,
                c.Title,
                c.Status,
                c.InstrumentId,
                c.InstrumentVersion,
                c.Version.ComputedAt,
                own.Responses,
                own.ResponseRate,
                own.Items,
                own.Pillars,
                own.Outcomes,
                [.. children.Select(child => c.Areas[child.Code.Value])]);
        }).ToList();

        var computedAt = figures.Select(f => (DateTimeOffset?)f.ComputedAt)
            .Append(activity.Count > 0 ? activityComputedAt : null)
            .Max();
        return new AreaFeed(new AreaSummary(area.Code.Value, area.Name, area.Type.ToString()), policy, computedAt, figures, activity);
    }
}
