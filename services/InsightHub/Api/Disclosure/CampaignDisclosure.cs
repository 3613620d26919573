using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Disclosure;

/// <summary>
/// Applies a disclosure policy to one campaign's raw figures across the whole roll-up at once, so that an area's
/// figure is the same in its own feed, as a child in its parent's, and in the CSV: a cell hidden anywhere is hidden
/// everywhere. Tables are worked top-down (Scotland's children, then each board's), each with secondary
/// suppression when its total is shown; a board's own staff (its total less its children) is a cell that is never
/// published.
/// </summary>
public sealed class CampaignDisclosure(DisclosurePolicy policy, AreaRegistry areas)
{
    public const string Likert = "Likert";

    public DisclosedCampaign Apply(Guid campaignId, FeedSnapshot snapshot)
    {
        var byArea = snapshot.Campaign.ToDictionary(c => c.AreaCode, StringComparer.Ordinal);
        var hidden = HiddenAreas(code => byArea.TryGetValue(code.Value, out var c) ? c.Responses : 0);
        var kinds = snapshot.Campaign.SelectMany(c => c.ItemKinds).GroupBy(k => k.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var closed = snapshot.Campaign.Any(c => c.Status == CampaignStatus.Closed);
        var reference = byArea.GetValueOrDefault(AreaCode.Scotland.Value) ?? snapshot.Campaign.FirstOrDefault();

        var figures = areas.All.ToDictionary(
            a => a.Code.Value,
            a => Figures(a, byArea.GetValueOrDefault(a.Code.Value), hidden.Contains(a.Code), kinds, provisional: !closed),
            StringComparer.Ordinal);

        return new DisclosedCampaign(
            campaignId,
            reference?.Title,
            closed ? "closed" : "open",
            reference?.InstrumentId ?? Guid.Empty,
            reference?.InstrumentVersion ?? 0,
            policy.Name,
            snapshot.Version,
            figures);
    }

    /// <summary>The areas whose responses (and so every figure) are suppressed.</summary>
    public HashSet<AreaCode> HiddenAreas(Func<AreaCode, int> responses)
    {
        var hidden = new HashSet<AreaCode>();
        if (policy.SuppressesCount(responses(AreaCode.Scotland)))
        {
            hidden.Add(AreaCode.Scotland);
        }

        var parents = new Queue<AreaCode>([AreaCode.Scotland]);
        while (parents.TryDequeue(out var parent))
        {
            var children = areas.ChildrenOf(parent);
            if (children.Count == 0)
            {
                continue;
            }

            var cells = children.Select(c => responses(c.Code)).ToList();
            cells.Add(Math.Max(0, responses(parent) - cells.Sum()));
            var suppressed = hidden.Contains(parent)
                ? new HashSet<int>(Enumerable.Range(0, cells.Count).Where(i => policy.SuppressesCount(cells[i])))
                : policy.CellsToSuppress(cells, new HashSet<int> { cells.Count - 1 });

            for (var i = 0; i < children.Count; i++)
            {
                if (suppressed.Contains(i))
                {
                    hidden.Add(children[i].Code);
                }

                parents.Enqueue(children[i].Code);
            }
        }

        return hidden;
    }

    private AreaFigures Figures(Area area, CampaignInsight? insight, bool hidden, IReadOnlyDictionary<string, string> kinds, bool provisional)
    {
        var summary = new AreaSummary(area.Code.Value, area.Name, area.Type.ToString());
        var count = insight?.Responses ?? 0;
        var responses = hidden ? DisclosedValue.Suppressed : policy.Count(count, national: area.Code == AreaCode.Scotland);
        var rate = hidden ? DisclosedValue.Suppressed
            : insight?.EligibleHeadcount is not > 0 ? DisclosedValue.Unavailable
            : DisclosedValue.Of(Math.Round(100.0 * responses.Value!.Value / insight.EligibleHeadcount.Value, 2));

        var items = (insight?.Items ?? []).Select(item => Item(item, kinds.GetValueOrDefault(item.ItemId), hidden)).ToList();
        var likert = (insight?.Items ?? []).Where(i => kinds.GetValueOrDefault(i.ItemId) == Likert).ToList();
        var pillars = likert.GroupBy(i => i.Pillar, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Cut(g.Key, g.Key, [.. g], hidden)).ToList();
        var outcomes = likert.SelectMany(i => i.OutcomeCodes.Select(o => (Outcome: o, Item: i)))
            .GroupBy(x => x.Outcome, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Cut(g.Key, g.First().Item.Pillar, [.. g.Select(x => x.Item)], hidden)).ToList();

        var figures = new AreaFigures(summary, responses, rate, items, pillars, outcomes, insight?.ChangedAt ?? default);
        return provisional ? Provisional(figures) : figures;
    }

    private ItemFigures Item(ItemInsight item, string? kind, bool hidden)
    {
        DisclosedValue Stat(Func<DisclosedValue> shown) => hidden ? DisclosedValue.Suppressed : shown();

        var answers = kind == Likert ? Enumerable.Range(1, 5) : item.Distribution.Keys.Order();
        return new ItemFigures(
            item.ItemId,
            item.Pillar,
            item.OutcomeCodes,
            kind,
            Stat(() => policy.Statistic(item.Mean, item.Count)),
            Stat(() => kind is null ? DisclosedValue.Unavailable
                : kind != Likert ? DisclosedValue.None
                : policy.Percentage(Agreeing(item), item.Count)),
            [.. answers.Select(answer => new ShareOfAnswers(answer, Stat(() => policy.Percentage(item.Distribution.GetValueOrDefault(answer), item.Count))))]);
    }

    private CutFigures Cut(string code, string pillar, IReadOnlyList<ItemInsight> items, bool hidden)
    {
        if (hidden)
        {
            return new CutFigures(code, pillar, DisclosedValue.Suppressed, DisclosedValue.Suppressed);
        }

        var answers = items.Sum(i => i.Count);
        // At least as many people answered as the busiest item had answers: the threshold applies to that.
        var people = items.Max(i => i.Count);
        return new CutFigures(
            code,
            pillar,
            answers == 0 ? DisclosedValue.None : policy.Statistic((double)items.Sum(i => i.Sum) / answers, people),
            answers == 0 ? DisclosedValue.None : policy.Statistic(100.0 * items.Sum(Agreeing) / answers, people));
    }

    /// <summary>Answers of 4 or 5 on a Likert item.</summary>
    public static int Agreeing(ItemInsight item) => item.Distribution.GetValueOrDefault(4) + item.Distribution.GetValueOrDefault(5);

    private static AreaFigures Provisional(AreaFigures f) => f with
    {
        Responses = f.Responses.Provisional(),
        ResponseRate = f.ResponseRate.Provisional(),
        Items = [.. f.Items.Select(i => i with
        {
            Mean = i.Mean.Provisional(),
            ShareAgreeing = i.ShareAgreeing.Provisional(),
            Distribution = [.. i.Distribution.Select(d => d with { Share = d.Share.Provisional() })],
        })],
        Pillars = [.. f.Pillars.Select(c => c with { Mean = c.Mean.Provisional(), ShareAgreeing = c.ShareAgreeing.Provisional() })],
        Outcomes = [.. f.Outcomes.Select(c => c with { Mean = c.Mean.Provisional(), ShareAgreeing = c.ShareAgreeing.Provisional() })],
    };
}
