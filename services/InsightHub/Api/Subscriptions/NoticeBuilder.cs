using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Subscriptions;

/// <summary>
/// Cuts a subscription's slice out of a feed publication: the published, disclosed figures of the areas it chose
/// (each with every area that rolls up into it), of the items, pillars and outcomes it chose, of the measures it
/// chose. Every value is copied from the figures the feeds serve; nothing is computed here, so nothing can be finer.
/// </summary>
public sealed class NoticeBuilder(AreaRegistry areas, IOptions<SubscriptionOptions> options)
{
    /// <summary>The areas a subscription covers: all when it names none, else each named area and all below it.</summary>
    public IReadOnlyList<Area> Scope(Subscription subscription)
    {
        if (subscription.Areas.Count == 0)
        {
            return [.. areas.All];
        }

        var chosen = new HashSet<AreaCode>();
        var queue = new Queue<Area>();
        foreach (var code in subscription.Areas)
        {
            if (areas.TryResolve(code, out var area))
            {
                queue.Enqueue(area);
            }
        }

        while (queue.TryDequeue(out var next))
        {
            if (chosen.Add(next.Code))
            {
                foreach (var child in areas.ChildrenOf(next.Code))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return [.. areas.All.Where(a => chosen.Contains(a.Code))];
    }

    public CampaignNotice Campaign(Subscription subscription, PublishedCampaign published)
    {
        var c = published.Figures;
        var measures = subscription.Measures;
        var slice = Scope(subscription)
            .Where(a => c.Areas.ContainsKey(a.Code.Value))
            .Select(a =>
            {
                var f = c.Areas[a.Code.Value];
                return new NoticeArea(
                    f.Area.Code,
                    f.Area.Name,
                    f.Area.Type,
                    Measures.Includes(measures, Measures.Responses) ? f.Responses : null,
                    Measures.Includes(measures, Measures.ResponseRate) ? f.ResponseRate : null,
                    [.. f.Items.Where(i => PillarChosen(subscription, i.Pillar) && OutcomesChosen(subscription, i.OutcomeCodes)).Select(i => new NoticeItem(
                        i.ItemId,
                        i.Pillar,
                        i.OutcomeCodes,
                        Measures.Includes(measures, Measures.MeanScore) ? i.Mean : null,
                        Measures.Includes(measures, Measures.ShareAgreeing) ? i.ShareAgreeing : null,
                        Measures.Includes(measures, Measures.Distribution) ? i.Distribution : null))],
                    [.. f.Pillars.Where(p => subscription.Outcomes.Count == 0 && PillarChosen(subscription, p.Pillar)).Select(p => Cut(p, measures))],
                    [.. f.Outcomes.Where(o => PillarChosen(subscription, o.Pillar) && OutcomesChosen(subscription, [o.Code])).Select(o => Cut(o, measures))]);
            })
            .ToList();

        return new CampaignNotice(c.CampaignId, c.Title, c.Status, published.Period, c.InstrumentId, c.InstrumentVersion, c.DisclosurePolicy,
            published.PublishedAt, Links(c.CampaignId, Scope(subscription).Count == areas.All.Count ? AreaCode.Scotland.Value : subscription.Areas.FirstOrDefault() ?? AreaCode.Scotland.Value), slice);
    }

    /// <summary>What the subscription last saw of a campaign, as a hash: its figures, never the publication time.</summary>
    public static string Fingerprint(CampaignNotice notice) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(notice with { ComputedAt = default }, NoticeJson.Options))));

    /// <summary>The subscription's activity counts per area and quarter (items, not people: never suppressed).</summary>
    public static Dictionary<string, int[]> ActivityCounts(IReadOnlyList<Area> scope, FeedSnapshot activity)
    {
        var inScope = scope.Select(a => a.Code.Value).ToHashSet(StringComparer.Ordinal);
        return activity.Activity
            .Where(a => inScope.Contains(a.AreaCode))
            .ToDictionary(a => $"{a.AreaCode}|{a.Quarter}", a => new[] { a.PracticesShared, a.PracticesAdopted, a.CaseStudiesPublished }, StringComparer.Ordinal);
    }

    /// <summary>
    /// The kinds whose counts rose since <paramref name="before"/>, and the rows that rose, as the feed shows them now.
    /// </summary>
    public (IReadOnlyList<string> Kinds, ActivityNotice Notice) Activity(Subscription subscription, FeedSnapshot activity, string policy, Dictionary<string, int[]> before)
    {
        var scope = Scope(subscription);
        var names = scope.ToDictionary(a => a.Code.Value, a => a.Name, StringComparer.Ordinal);
        var now = ActivityCounts(scope, activity);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        var rows = new List<ActivityArea>();
        foreach (var (key, counts) in now.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(key) ?? [0, 0, 0];
            var rose = new[] { counts[0] > old[0], counts[1] > old[1], counts[2] > old[2] };
            var wanted = new[]
            {
                rose[0] && Wants(subscription, EventKinds.GoodPracticeShared),
                rose[1] && Wants(subscription, EventKinds.GoodPracticeAdopted),
                rose[2] && Wants(subscription, EventKinds.CaseStudyPublished),
            };
            if (!wanted.Any(w => w))
            {
                continue;
            }

            if (wanted[0]) kinds.Add(EventKinds.GoodPracticeShared);
            if (wanted[1]) kinds.Add(EventKinds.GoodPracticeAdopted);
            if (wanted[2]) kinds.Add(EventKinds.CaseStudyPublished);
            var code = key[..key.IndexOf('|', StringComparison.Ordinal)];
            rows.Add(new ActivityArea(
                code,
                names[code],
                key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..],
                Measures.Includes(subscription.Measures, Measures.GoodPracticeShared) ? counts[0] : null,
                Measures.Includes(subscription.Measures, Measures.GoodPracticeAdopted) ? counts[1] : null,
                Measures.Includes(subscription.Measures, Measures.CaseStudiesPublished) ? counts[2] : null));
        }

        return ([.. kinds], new ActivityNotice(policy, activity.Version.ComputedAt, Links(null, AreaCode.Scotland.Value), rows));
    }

    public static bool Wants(Subscription subscription, string kind) => subscription.EventKinds.Count == 0 || subscription.EventKinds.Contains(kind, StringComparer.Ordinal);

    public FeedLinks Links(Guid? campaignId, string area)
    {
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var campaign = campaignId is { } id ? $"campaign={id:D}" : "";
        return new FeedLinks(
            $"{baseUrl}/api/feeds/areas/{Uri.EscapeDataString(area)}{(campaign.Length > 0 ? "?" + campaign : "")}",
            $"{baseUrl}/api/feeds/insight.csv{(campaign.Length > 0 ? "?" + campaign : "")}",
            $"{baseUrl}/api/feeds/insight.atom");
    }

    private static NoticeCut Cut(Disclosure.CutFigures cut, IReadOnlyCollection<string> measures) =>
        new(cut.Code, cut.Pillar, Measures.Includes(measures, Measures.MeanScore) ? cut.Mean : null, Measures.Includes(measures, Measures.ShareAgreeing) ? cut.ShareAgreeing : null);

    private static bool PillarChosen(Subscription subscription, string pillar) =>
        subscription.Pillars.Count == 0 || subscription.Pillars.Contains(pillar, StringComparer.OrdinalIgnoreCase);

    private static bool OutcomesChosen(Subscription subscription, IReadOnlyList<string> outcomes) =>
        subscription.Outcomes.Count == 0 || outcomes.Any(o => subscription.Outcomes.Contains(o, StringComparer.OrdinalIgnoreCase));
}
