using System.Globalization;

namespace ChampionNetwork.InsightHub.Grains.Tallies;

internal static class ActivityTallyExtensions
{
    /// <summary>The calendar quarter of a moment, e.g. <c>2026-Q4</c>: the period activity is reported for.</summary>
    public static string QuarterOf(DateTimeOffset moment)
    {
        var utc = moment.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc.Year}-Q{((utc.Month - 1) / 3) + 1}");
    }

    public static bool Apply(this ActivityTally tally, ActivityContribution activity)
    {
        var quarterKey = QuarterOf(activity.OccurredAt);
        if (!tally.Quarters.TryGetValue(quarterKey, out var quarter))
        {
            quarter = new QuarterActivity();
            tally.Quarters[quarterKey] = quarter;
        }

        var set = activity.Kind switch
        {
            ActivityKind.PracticeShared => quarter.PracticesShared,
            ActivityKind.PracticeAdopted => quarter.Adoptions,
            ActivityKind.CaseStudyPublished => quarter.CaseStudiesPublished,
            _ => quarter.CaseStudiesWithdrawn,
        };
        if (!set.Add(activity.SubjectId))
        {
            return false;
        }

        quarter.ChangedAt = activity.OccurredAt > quarter.ChangedAt ? activity.OccurredAt : quarter.ChangedAt;
        return true;
    }

    public static IReadOnlyList<ActivityInsight> ToInsight(this Dictionary<string, QuarterCounts> counts, string areaCode) =>
        counts
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => new ActivityInsight(areaCode, q.Key, q.Value.PracticesShared, q.Value.PracticesAdopted, q.Value.CaseStudiesPublished, q.Value.CaseStudiesWithdrawn, q.Value.ChangedAt))
            .ToList();

    /// <summary>The counts of a tally of ids (state written before counts were kept).</summary>
    public static Dictionary<string, QuarterCounts> ToCounts(this ActivityTally tally) =>
        tally.Quarters.ToDictionary(q => q.Key, q => new QuarterCounts
        {
            PracticesShared = q.Value.PracticesShared.Count,
            PracticesAdopted = q.Value.Adoptions.Count,
            CaseStudiesPublished = q.Value.CaseStudiesPublished.Count,
            CaseStudiesWithdrawn = q.Value.CaseStudiesWithdrawn.Count,
            ChangedAt = q.Value.ChangedAt,
        }, StringComparer.Ordinal);
}
