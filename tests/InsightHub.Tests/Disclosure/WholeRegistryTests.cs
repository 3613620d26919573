using System.Diagnostics;
using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using Xunit.Abstractions;

namespace ChampionNetwork.InsightHub.Tests.Disclosure;

/// <summary>
/// A campaign over every organisation of the registry (boards themselves included, many small ones): the attacker
/// determines nothing, and the time the disclosure takes (the derivability check included) is reported.
/// </summary>
public sealed class WholeRegistryTests(ITestOutputHelper output)
{
    public static TheoryData<string> Policies => new(DisclosurePolicy.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_campaign_in_every_organisation_reveals_no_hidden_cell(string policyName)
    {
        var policy = DisclosurePolicy.Named(policyName);
        var random = new Random(20261202);
        var truth = new RandomCampaign([.. RandomCampaign.Organisations.Select(o =>
            RandomCampaign.Answer(o.Code, random.Next(0, 4) == 0 ? random.Next(1, 8) : random.Next(0, 60), random))]);
        var snapshot = truth.Snapshot();
        var disclosure = new CampaignDisclosure(policy, RandomCampaign.Areas);

        disclosure.Apply(truth.Id, snapshot);
        var clock = Stopwatch.StartNew();
        var published = disclosure.Apply(truth.Id, snapshot);
        output.WriteLine($"{policy.Name}: disclosure of {published.Areas.Count} areas x {RandomCampaign.Instrument.Length} items took {clock.ElapsedMilliseconds} ms");

        var determined = Attacker.Determined(published, truth, policy);
        Assert.True(determined.Count == 0, string.Join("\n", determined.Take(10)));
        Assert.Contains(published.Areas.Values, a => a.Responses.IsSuppressed);
    }
}
