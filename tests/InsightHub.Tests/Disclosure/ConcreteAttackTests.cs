using System.Text.Json;
using ChampionNetwork.Disclosure;
using ChampionNetwork.InsightHub.Disclosure;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Tests.Disclosure;

/// <summary>The attacks of issue 10 on the published figures, each as a reader with the feeds would try it.</summary>
public sealed class ConcreteAttackTests
{
    private static readonly AreaCode Borders = AreaCode.Parse("S08000016");
    private static readonly AreaCode BordersHscp = AreaCode.Parse("S37000025");
    private static readonly AreaCode ForthValley = AreaCode.Parse("S08000019");
    private static readonly AreaCode ClackmannanshireAndStirling = AreaCode.Parse("S37000005");
    private static readonly AreaCode Falkirk = AreaCode.Parse("S37000013");

    [Fact]
    public void Scotland_less_the_shown_boards_and_a_secondary_boards_shown_children_does_not_give_a_small_board()
    {
        // Borders has 3 responses; Forth Valley, hidden with it at Scotland level, has two shown-size partnerships.
        var truth = Campaign(Org(BordersHscp, 3), Org(ClackmannanshireAndStirling, 6), Org(Falkirk, 7));
        var published = Disclose(DisclosurePolicy.NhsBsa5, truth);

        double? Recover(Area area)
        {
            var figures = published.Areas[area.Code.Value].Responses;
            if (figures.Value is { } shown)
            {
                return shown;
            }

            // A board the campaign does not include itself is exactly the sum of its children.
            var children = RandomCampaign.Areas.ChildrenOf(area.Code);
            var recovered = children.Select(Recover).ToList();
            return children.Count > 0 && !truth.IncludesItself(area.Code) && recovered.All(r => r is not null) ? recovered.Sum() : null;
        }

        var scotland = published.Areas[AreaCode.Scotland.Value].Responses.Value;
        Assert.NotNull(scotland);
        var others = RandomCampaign.Areas.ChildrenOf(AreaCode.Scotland).Where(a => a.Code != Borders).Select(Recover).ToList();
        var borders = others.All(o => o is not null) ? scotland - others.Sum() : null;
        Assert.True(borders is null, $"Borders recovered as {borders} (true 3)");
    }

    [Fact]
    public void An_optional_item_with_one_answer_cannot_be_differenced_out_of_its_pillar()
    {
        // Nurture = workload (all 20 answered) + supervision (one answer, a 1).
        var truth = Campaign(Org(Falkirk, 20, ("supervision", [1])));
        var published = Disclose(DisclosurePolicy.NhsBsa5, truth);
        var area = published.Areas[Falkirk.Value];
        var nurture = area.Pillars.Single(p => p.Code == "Nurture").Mean.Value;
        var workload = area.Items.Single(i => i.ItemId == "workload").Mean.Value;
        var answered = area.Responses.Value;

        // Which single supervision answer gives the published pillar mean?
        var fits = nurture is null || workload is null || answered is null ? []
            : Enumerable.Range(1, 5).Where(v => Math.Round(((workload.Value * answered.Value) + v) / (answered.Value + 1), 2) == nurture.Value).ToList();
        Assert.True(fits.Count != 1, $"the one supervision answer is {string.Join(",", fits)} (true 1)");
    }

    [Fact]
    public void Percentages_do_not_pin_the_number_of_answers_behind_a_rounded_count()
    {
        // 23 and 24 responses both round to 25; their answers round to the same counts too. With two-decimal shares
        // of raw counts, 4.35 / 13.04 / 26.09 fit only n = 23.
        var policy = DisclosurePolicy.NhsDigital75;
        var of23 = Disclose(policy, Campaign(Org(Falkirk, 23, ("valued", Answers((1, 1), (2, 3), (3, 6), (4, 13)))) with { Headcount = 60 }));
        var of24 = Disclose(policy, Campaign(Org(Falkirk, 24, ("valued", Answers((1, 1), (2, 3), (3, 6), (4, 14)))) with { Headcount = 60 }));

        Assert.Equal(Json(of23.Areas[Falkirk.Value]), Json(of24.Areas[Falkirk.Value]));
        Assert.All(of23.Areas[Falkirk.Value].Items.SelectMany(i => i.Distribution).Where(d => d.Share.Value is not null), d => Assert.Equal(Math.Round(d.Share.Value!.Value), d.Share.Value!.Value));
    }

    [Fact]
    public void A_hidden_area_shows_the_same_items_and_answer_keys_whatever_its_answers()
    {
        // Borders' partnership has 2 responses: hidden. One answered the scale item with 7 and the optional items;
        // in the other campaign, with 3 and none of them.
        // Falkirk's 30 answer every item, so Scotland's figures (which fix the keys of a single-choice item) hold them all.
        var falkirk = Org(Falkirk, 30, ("energy", Answers((0, 10), (5, 10), (10, 10))), ("supervision", Answers((4, 30))), ("role", Answers((0, 10), (1, 10), (2, 10))));
        var answeredEverything = Campaign(Org(BordersHscp, 2, ("energy", [7, 7]), ("supervision", [2]), ("role", [2])), falkirk);
        var answeredLittle = Campaign(Org(BordersHscp, 2, ("energy", [3])), falkirk);
        var first = Disclose(DisclosurePolicy.NhsBsa5, answeredEverything).Areas[BordersHscp.Value];
        var second = Disclose(DisclosurePolicy.NhsBsa5, answeredLittle).Areas[BordersHscp.Value];

        Assert.True(first.Responses.IsSuppressed);
        Assert.Equal(Json(second), Json(first));
        Assert.Equal(RandomCampaign.Instrument.Select(i => i.Id).Order(StringComparer.Ordinal), first.Items.Select(i => i.ItemId).Order(StringComparer.Ordinal));
    }

    private static RandomCampaign Campaign(params OrganisationAnswers[] organisations) => new(organisations);

    /// <summary>An organisation whose required items are answered 3 by everyone, plus the given answers.</summary>
    private static OrganisationAnswers Org(AreaCode code, int responses, params (string Item, int[] Values)[] optional)
    {
        var answers = RandomCampaign.Instrument.Where(i => i.Required)
            .ToDictionary(i => i.Id, IReadOnlyDictionary<int, int> (_) => new Dictionary<int, int> { [3] = responses });
        foreach (var (item, values) in optional)
        {
            answers[item] = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        }

        return new OrganisationAnswers(code, responses, answers, (responses * 2) + 5);
    }

    private static int[] Answers(params (int Value, int Count)[] counts) => [.. counts.SelectMany(c => Enumerable.Repeat(c.Value, c.Count))];

    private static DisclosedCampaign Disclose(DisclosurePolicy policy, RandomCampaign truth) =>
        new CampaignDisclosure(policy, RandomCampaign.Areas).Apply(truth.Id, truth.Snapshot());

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
