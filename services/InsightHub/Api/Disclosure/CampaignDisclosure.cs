using System.Globalization;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Disclosure;

/// <summary>
/// Applies a disclosure policy to one campaign's raw figures across the whole roll-up at once, so that an area's
/// figure is the same in its own feed, as a child in its parent's, and in the CSV: a cell hidden anywhere is hidden
/// everywhere.
/// <list type="bullet">
/// <item>Responses, and per item its answers and each answer key's count, are each one set of linked tables over
/// organisation → board → Scotland (<see cref="AreaTables"/>), suppressed together by <see cref="LinkedSuppression"/>
/// and proved by <see cref="DerivabilityCheck"/>: no hidden cell is determined by the published ones.</item>
/// <item>Every other figure is computed from the disclosed (rounded) counts only, and shown only when every count it
/// uses is shown: a percentage is <c>round(100 × disclosed count / disclosed answers)</c>, a mean needs every key of
/// the item, a pillar or outcome cut every key of every item in it. So they say nothing the counts do not.</item>
/// <item>A hidden area shows every item of the instrument with the same answer keys as every other area (Likert
/// 1-5, Scale 0-10, SingleChoice the keys Scotland's shown figures list), all suppressed: nothing in its shape
/// depends on its own answers.</item>
/// </list>
/// </summary>
public sealed class CampaignDisclosure(DisclosurePolicy policy, AreaRegistry areas)
{
    public const string Likert = "Likert";
    public const string Scale = "Scale";
    public const string SingleChoice = "SingleChoice";

    public DisclosedCampaign Apply(Guid campaignId, FeedSnapshot snapshot)
    {
        var byArea = snapshot.Campaign.ToDictionary(c => c.AreaCode, StringComparer.Ordinal);
        CampaignInsight? Of(AreaCode area) => byArea.GetValueOrDefault(area.Value);
        var closed = snapshot.Campaign.Any(c => c.Status == CampaignStatus.Closed);
        var reference = Of(AreaCode.Scotland) ?? snapshot.Campaign.FirstOrDefault();

        var responses = AreaTables.Build(areas, [], (a, _) => Of(a)?.Responses ?? 0, IncludesItself, new HashSet<AreaCode>());
        LinkedSuppression.Apply(responses.Tables, policy);
        var hidden = new HashSet<AreaCode>(areas.All.Select(a => a.Code).Where(a => responses.IsHidden(a, AreaTables.Total)));

        var catalogue = Catalogue(snapshot, Of(AreaCode.Scotland));
        var itemTables = catalogue.Where(i => i.Counted).ToDictionary(
            i => i.ItemId,
            i =>
            {
                var keys = KeysOf(i, Of(AreaCode.Scotland));
                var tables = AreaTables.Build(areas, keys, (a, column) => RawItemCount(Of(a), i.ItemId, column), IncludesItself, hidden);
                LinkedSuppression.Apply(tables.Tables, policy);
                return (Keys: keys, Tables: tables);
            },
            StringComparer.Ordinal);

        var figures = areas.All.ToDictionary(
            a => a.Code.Value,
            a =>
            {
                var f = Figures(a, Of(a.Code), responses, hidden.Contains(a.Code), catalogue, itemTables);
                return closed ? f : Provisional(f);
            },
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

        // A board is an organisation of the campaign when it was invited for more staff than its areas below
        // (CampaignOpened's headcounts); only then is its own staff a cell a reader does not know to be zero.
        bool IncludesItself(AreaCode area)
        {
            var own = Of(area)?.EligibleHeadcount;
            var below = areas.ChildrenOf(area).Sum(c => Of(c.Code)?.EligibleHeadcount ?? 0);
            return own is { } headcount && headcount > below;
        }
    }

    /// <summary>Answers of 4 or 5 on a Likert item.</summary>
    public static int Agreeing(ItemInsight item) => item.Distribution.GetValueOrDefault(4) + item.Distribution.GetValueOrDefault(5);

    private static long RawItemCount(CampaignInsight? insight, string itemId, string column)
    {
        var item = insight?.Items.FirstOrDefault(i => i.ItemId == itemId);
        return item is null ? 0
            : column == AreaTables.Total ? item.Count
            : item.Distribution.GetValueOrDefault(int.Parse(column, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Every item of the instrument (from the campaign's item kinds), with its pillar and outcomes from whichever
    /// area's figures name it first (Scotland's, which hold every answered item). An item nobody has answered has no
    /// pillar yet; that says only what Scotland's own published zero says.
    /// </summary>
    private static List<CatalogueItem> Catalogue(FeedSnapshot snapshot, CampaignInsight? scotland)
    {
        var kinds = snapshot.Campaign.SelectMany(c => c.ItemKinds).GroupBy(k => k.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string?)g.First().Value, StringComparer.Ordinal);
        var known = (scotland?.Items ?? []).Concat(snapshot.Campaign.SelectMany(c => c.Items))
            .GroupBy(i => i.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. kinds.Keys.Union(known.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id =>
            new CatalogueItem(id, known.GetValueOrDefault(id)?.Pillar ?? "", known.GetValueOrDefault(id)?.OutcomeCodes ?? [], kinds.GetValueOrDefault(id)))];
    }

    /// <summary>
    /// The answer keys every area lists for an item: fixed by the kind for Likert and Scale; for SingleChoice (whose
    /// options the feed does not carry) the keys Scotland's figures hold, and only when Scotland's item figures are
    /// shown. Scotland's listing a key says only that its own count there is not zero, as a shown or suppressed cell
    /// of Scotland's says anyway; no area's own answers change the keys it lists.
    /// </summary>
    private IReadOnlyList<string> KeysOf(CatalogueItem item, CampaignInsight? scotland)
    {
        IEnumerable<int> keys = item.Kind switch
        {
            Likert => Enumerable.Range(1, 5),
            Scale => Enumerable.Range(0, 11),
            _ => scotland?.Items.FirstOrDefault(i => i.ItemId == item.ItemId) is { } national && !policy.SuppressesCount(national.Count)
                ? national.Distribution.Where(d => d.Value > 0).Select(d => d.Key).Order()
                : [],
        };
        return [.. keys.Select(k => k.ToString(CultureInfo.InvariantCulture))];
    }

    private AreaFigures Figures(Area area, CampaignInsight? insight, AreaTables responses, bool hidden, IReadOnlyList<CatalogueItem> catalogue, IReadOnlyDictionary<string, (IReadOnlyList<string> Keys, AreaTables Tables)> itemTables)
    {
        var national = area.Code == AreaCode.Scotland;
        var summary = new AreaSummary(area.Code.Value, area.Name, area.Type.ToString());
        var shownResponses = hidden ? DisclosedValue.Suppressed : policy.Count((int)responses.Value(area.Code, AreaTables.Total), national);
        var rate = hidden ? DisclosedValue.Suppressed
            : insight?.EligibleHeadcount is not > 0 ? DisclosedValue.Unavailable
            : DisclosedValue.Of(WholePercent(shownResponses.Value!.Value, insight.EligibleHeadcount.Value));

        var counts = catalogue.ToDictionary(
            i => i.ItemId,
            i => itemTables.TryGetValue(i.ItemId, out var t) ? new ShownCounts(area.Code, national, t.Keys, t.Tables, policy) : null,
            StringComparer.Ordinal);
        var items = catalogue.Select(i => Item(i, counts[i.ItemId], hidden)).ToList();
        var likert = catalogue.Where(i => i.Kind == Likert).ToList();
        var pillars = likert.GroupBy(i => i.Pillar, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Cut(g.Key, g.Key, [.. g.Select(i => counts[i.ItemId]!)], hidden)).ToList();
        var outcomes = likert.SelectMany(i => i.OutcomeCodes.Select(o => (Outcome: o, Item: i)))
            .GroupBy(x => x.Outcome, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Cut(g.Key, g.First().Item.Pillar, [.. g.Select(x => counts[x.Item.ItemId]!)], hidden)).ToList();

        return new AreaFigures(summary, shownResponses, rate, items, pillars, outcomes);
    }

    private static ItemFigures Item(CatalogueItem item, ShownCounts? counts, bool hidden)
    {
        if (counts is null || hidden || counts.Answers is null)
        {
            var stat = hidden || counts is not null ? DisclosedValue.Suppressed : item.Kind is null ? DisclosedValue.Unavailable : DisclosedValue.None;
            return new ItemFigures(item.ItemId, item.Pillar, item.OutcomeCodes, item.Kind, stat, stat,
                [.. (counts?.Keys ?? []).Select(k => new ShareOfAnswers(k, DisclosedValue.Suppressed))],
                hidden || counts is not null ? DisclosedValue.Suppressed : DisclosedValue.None);
        }

        var answers = counts.Answers.Value;
        DisclosedValue Share(long? part) => answers == 0 ? DisclosedValue.None : part is { } p ? DisclosedValue.Of(WholePercent(p, answers)) : DisclosedValue.Suppressed;
        return new ItemFigures(
            item.ItemId,
            item.Pillar,
            item.OutcomeCodes,
            item.Kind,
            answers == 0 ? DisclosedValue.None : Mean([counts]),
            item.Kind != Likert ? DisclosedValue.None : Share(counts.Agreeing),
            [.. counts.Keys.Select(k => new ShareOfAnswers(k, Share(counts.Of(k))))],
            DisclosedValue.Of(answers));
    }

    /// <summary>A pillar or outcome: shown only when every count of every item in it is shown.</summary>
    private static CutFigures Cut(string code, string pillar, IReadOnlyList<ShownCounts> items, bool hidden)
    {
        if (hidden || items.Any(i => i.Answers is null))
        {
            return new CutFigures(code, pillar, DisclosedValue.Suppressed, DisclosedValue.Suppressed);
        }

        var answers = items.Sum(i => i.Answers!.Value);
        if (answers == 0)
        {
            return new CutFigures(code, pillar, DisclosedValue.None, DisclosedValue.None);
        }

        var agreeing = items.Select(i => i.Answers == 0 ? 0 : i.Agreeing).ToList();
        return new CutFigures(
            code,
            pillar,
            Mean(items),
            agreeing.Any(a => a is null) ? DisclosedValue.Suppressed : DisclosedValue.Of(WholePercent(agreeing.Sum(a => a!.Value), answers)));
    }

    /// <summary>The mean answer from the shown counts of every key; suppressed when any key of any item is hidden.</summary>
    private static DisclosedValue Mean(IReadOnlyList<ShownCounts> items)
    {
        long weight = 0, sum = 0;
        foreach (var item in items.Where(i => i.Answers > 0))
        {
            foreach (var key in item.Keys)
            {
                if (item.Of(key) is not { } count || item.HasOutside)
                {
                    return DisclosedValue.Suppressed;
                }

                weight += count;
                sum += count * key;
            }
        }

        return weight == 0 ? DisclosedValue.None : DisclosedValue.Of(Math.Round((double)sum / weight, 2));
    }

    private static double WholePercent(double part, double of) => Math.Round(100.0 * part / of, MidpointRounding.AwayFromZero);

    private static AreaFigures Provisional(AreaFigures f) => f with
    {
        Responses = f.Responses.Provisional(),
        ResponseRate = f.ResponseRate.Provisional(),
        Items = [.. f.Items.Select(i => i with
        {
            Mean = i.Mean.Provisional(),
            ShareAgreeing = i.ShareAgreeing.Provisional(),
            Distribution = [.. i.Distribution.Select(d => d with { Share = d.Share.Provisional() })],
            Answers = i.Answers.Provisional(),
        })],
        Pillars = [.. f.Pillars.Select(c => c with { Mean = c.Mean.Provisional(), ShareAgreeing = c.ShareAgreeing.Provisional() })],
        Outcomes = [.. f.Outcomes.Select(c => c with { Mean = c.Mean.Provisional(), ShareAgreeing = c.ShareAgreeing.Provisional() })],
    };

    private sealed record CatalogueItem(string ItemId, string Pillar, IReadOnlyList<string> OutcomeCodes, string? Kind)
    {
        public bool Counted => Kind is Likert or Scale or SingleChoice;
    }

    /// <summary>One area's disclosed counts of one item: null where hidden, rounded per policy where shown.</summary>
    private sealed class ShownCounts(AreaCode area, bool national, IReadOnlyList<string> keys, AreaTables tables, DisclosurePolicy policy)
    {
        public IReadOnlyList<int> Keys { get; } = [.. keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture))];

        public long? Answers => Shown(AreaTables.Total);

        public bool HasOutside => Keys.Sum(k => tables.Value(area, K(k))) < tables.Value(area, AreaTables.Total);

        public long? Of(int key) => Shown(K(key));

        public long? Agreeing => Of(4) is { } four && Of(5) is { } five ? four + five : null;

        private static string K(int key) => key.ToString(CultureInfo.InvariantCulture);

        private long? Shown(string column) =>
            tables.IsHidden(area, column) ? null : (long?)policy.Count((int)tables.Value(area, column), national).Value;
    }
}
