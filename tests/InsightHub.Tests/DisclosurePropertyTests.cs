using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using CsCheck;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>
/// No small cell escapes, for each policy, over random tables: no published count lies between 1 and the threshold,
/// and wherever a total is shown, the hidden cells of its table are at least two and together hold at least the
/// threshold, so subtracting the shown cells from the total never gives one of them away.
/// </summary>
public sealed class DisclosurePropertyTests
{
    public static TheoryData<string> Policies => new(DisclosurePolicy.All.Select(p => p.Name));

    private static readonly Gen<int> SmallishCount = Gen.Frequency((3, Gen.Int[0, 12]), (2, Gen.Int[0, 60]), (1, Gen.Int[0, 400]));

    [Theory]
    [MemberData(nameof(Policies))]
    public void Sibling_cells_under_a_shown_total_cannot_be_recovered_by_subtraction(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        Gen.Select(SmallishCount.Array[1, 15], Gen.Int[0, 30], Gen.Bool).Sample((cells, residual, withResidual) =>
        {
            var all = withResidual ? [.. cells, residual] : cells;
            if (policy.SuppressesCount(all.Sum()))
            {
                return; // The total is hidden itself: nothing to subtract from.
            }

            var unpublished = withResidual ? new HashSet<int> { all.Length - 1 } : null;
            var hidden = policy.CellsToSuppress(all, unpublished);
            AssertTableIsSafe(policy, all, hidden, unpublished ?? []);
        }, iter: 5_000);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void No_area_in_a_random_campaign_publishes_a_small_count_or_a_recoverable_one(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        var areas = AreaRegistry.Default;
        var disclosure = new CampaignDisclosure(policy, areas);
        var organisations = areas.All.Where(a => a.Type != AreaType.Country).ToList();

        Gen.Select(SmallishCount.Array[organisations.Count], Gen.Double[0, 1]).Sample((counts, density) =>
        {
            // Leave many organisations empty, as real campaigns do.
            var raw = new Dictionary<AreaCode, int>();
            for (var i = 0; i < organisations.Count; i++)
            {
                var count = (i * 7919 % 100) / 100.0 < density ? counts[i] : 0;
                foreach (var area in areas.RollUpOf(organisations[i].Code))
                {
                    raw[area] = raw.GetValueOrDefault(area) + count;
                }
            }

            var campaign = Guid.NewGuid();
            var snapshot = new FeedSnapshot(
                new FeedVersion("test", DateTimeOffset.UnixEpoch),
                [.. raw.Select(r => Insight(r.Key, campaign, r.Value))],
                []);
            var published = disclosure.Apply(campaign, snapshot);

            foreach (var (code, figures) in published.Areas)
            {
                var count = raw.GetValueOrDefault(AreaCode.Parse(code));
                Assert.True(figures.Responses.IsSuppressed || !policy.SuppressesCount(count), $"{code} published {count} responses");
                if (figures.Responses.IsSuppressed)
                {
                    Assert.Null(figures.Responses.Value);
                    Assert.All(figures.Items, i => Assert.True(i.Mean.IsSuppressed && i.ShareAgreeing.IsSuppressed));
                }
            }

            foreach (var parent in areas.All.Where(a => areas.ChildrenOf(a.Code).Count > 0))
            {
                if (published.Areas[parent.Code.Value].Responses.IsSuppressed)
                {
                    continue;
                }

                var children = areas.ChildrenOf(parent.Code);
                var cells = children.Select(c => raw.GetValueOrDefault(c.Code)).ToList();
                cells.Add(raw.GetValueOrDefault(parent.Code) - cells.Sum());
                var hidden = new HashSet<int>(Enumerable.Range(0, children.Count).Where(i => published.Areas[children[i].Code.Value].Responses.IsSuppressed));
                if (cells[^1] > 0)
                {
                    hidden.Add(cells.Count - 1);
                }

                AssertTableIsSafe(policy, cells, hidden, new HashSet<int> { cells.Count - 1 });
            }
        }, iter: 300);
    }

    private static void AssertTableIsSafe(DisclosurePolicy policy, IReadOnlyList<int> cells, IReadOnlySet<int> hidden, IReadOnlySet<int> unpublished)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (!hidden.Contains(i) && !unpublished.Contains(i))
            {
                Assert.False(policy.SuppressesCount(cells[i]), $"cell {i} = {cells[i]} is published in [{string.Join(", ", cells)}]");
            }
        }

        var sensitive = hidden.Any(i => policy.SuppressesCount(cells[i]));
        if (sensitive)
        {
            // total - shown cells = the sum of the hidden ones: it must not isolate one, nor be small itself.
            Assert.True(hidden.Count >= 2, $"only one hidden cell in [{string.Join(", ", cells)}]");
            Assert.True(hidden.Sum(i => cells[i]) >= policy.MinimumCount, $"hidden cells {string.Join("+", hidden.Select(i => cells[i]))} sum below {policy.MinimumCount} in [{string.Join(", ", cells)}]");
        }
    }

    private static CampaignInsight Insight(AreaCode area, Guid campaign, int responses) => new(
        area.Value,
        campaign,
        Guid.NewGuid(),
        1,
        responses,
        responses == 0 ? [] : [new ItemInsight("valued", "Employ", ["EMPLOY-S1"], responses, responses * 3L, new Dictionary<int, int> { [3] = responses })],
        null,
        CampaignStatus.Open,
        "Random",
        new Dictionary<string, string> { ["valued"] = "Likert" },
        DateTimeOffset.UnixEpoch);
}
