using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using CsCheck;

namespace ChampionNetwork.InsightHub.Tests.Disclosure;

/// <summary>
/// An attacker with every published table of a random campaign (organisations anywhere in the registry, boards
/// included as organisations or not, optional items, a Scale and a SingleChoice item) solves the linear system
/// they give, per policy, and must determine no hidden cell that holds someone's answers.
/// </summary>
public sealed class LinkedTableProbeTests
{
    public static TheoryData<string> Policies => new(DisclosurePolicy.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Policies))]
    public void No_hidden_cell_is_determined_by_the_published_tables(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        var disclosure = new CampaignDisclosure(policy, RandomCampaign.Areas);
        RandomCampaign.Any.Sample(truth =>
        {
            var published = disclosure.Apply(truth.Id, truth.Snapshot());
            var determined = Attacker.Determined(published, truth, policy);
            Assert.True(determined.Count == 0, string.Join("\n", determined.Take(5)) + "\n" + Describe(truth));
        }, iter: 1_000, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void No_shown_count_is_small_and_no_share_has_decimals(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        var disclosure = new CampaignDisclosure(policy, RandomCampaign.Areas);
        RandomCampaign.Any.Sample(truth =>
        {
            var published = disclosure.Apply(truth.Id, truth.Snapshot());
            foreach (var (code, area) in published.Areas)
            {
                var responses = truth.Responses(ReferenceData.AreaCode.Parse(code));
                Assert.True(area.Responses.IsSuppressed || !policy.SuppressesCount((int)responses), $"{code} shows {responses} responses");
                var shares = area.Items.SelectMany(i => i.Distribution.Select(d => d.Share).Append(i.ShareAgreeing))
                    .Concat(area.Pillars.Concat(area.Outcomes).Select(c => c.ShareAgreeing)).Append(area.ResponseRate);
                Assert.All(shares.Where(s => s.Value is not null), s => Assert.Equal(Math.Round(s.Value!.Value), s.Value!.Value));
            }
        }, iter: 1_000, threads: 1);
    }

    private static string Describe(RandomCampaign truth) => string.Join("; ", truth.OrganisationsIn.Select(o =>
        $"{o.Organisation}={o.Responses}[{string.Join(",", o.Answers.Select(a => $"{a.Key}:{string.Join("/", a.Value.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}x{kv.Value}"))}"))}]"));
}
