using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using CsCheck;

namespace ChampionNetwork.InsightHub.Tests.Disclosure;

/// <summary>An item of the test instrument.</summary>
public sealed record TestItem(string Id, string Kind, string Pillar, string[] Outcomes, bool Required, int Min, int Max);

/// <summary>
/// One organisation's raw answers: responses, and per item how many answers gave each value. The ground truth
/// the tests roll up themselves and compare what is published against.
/// </summary>
public sealed record OrganisationAnswers(AreaCode Organisation, int Responses, IReadOnlyDictionary<string, IReadOnlyDictionary<int, int>> Answers, int Headcount);

/// <summary>A campaign's raw truth over the real registry, and the raw snapshot the product is given.</summary>
public sealed class RandomCampaign
{
    public static readonly TestItem[] Instrument =
    [
        new("valued", "Likert", "Employ", ["EMPLOY-S1"], true, 1, 5),
        new("workload", "Likert", "Nurture", ["NURTURE-S1"], true, 1, 5),
        new("supervision", "Likert", "Nurture", ["NURTURE-S4"], false, 1, 5),
        new("energy", "Scale", "Nurture", ["NURTURE-S3"], false, 0, 10),
        new("role", "SingleChoice", "Employ", [], false, 0, 3),
        new("comment", "FreeText", "Employ", [], false, 0, -1),
    ];

    public static readonly AreaRegistry Areas = AreaRegistry.Default;

    /// <summary>Every area a campaign can include as an organisation: all but Scotland, boards themselves too.</summary>
    public static readonly IReadOnlyList<Area> Organisations = [.. Areas.All.Where(a => a.Type != AreaType.Country)];

    public RandomCampaign(IReadOnlyList<OrganisationAnswers> organisations) => OrganisationsIn = organisations;

    public IReadOnlyList<OrganisationAnswers> OrganisationsIn { get; }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Whether the campaign includes <paramref name="area"/> itself (not only the areas below it).</summary>
    public bool IncludesItself(AreaCode area) => OrganisationsIn.Any(o => o.Organisation == area);

    public long Responses(AreaCode area) => Under(area).Sum(o => o.Responses);

    public long Answers(AreaCode area, string item, int? key) => Under(area).Sum(o =>
        o.Answers.TryGetValue(item, out var d) ? key is { } k ? d.GetValueOrDefault(k) : d.Values.Sum() : 0);

    /// <summary>The organisation's own count, not its children's: for a board, its own staff.</summary>
    public OrganisationAnswers? Own(AreaCode area) => OrganisationsIn.FirstOrDefault(o => o.Organisation == area);

    private IEnumerable<OrganisationAnswers> Under(AreaCode area) => OrganisationsIn.Where(o => Areas.RollUpOf(o.Organisation).Contains(area));

    public FeedSnapshot Snapshot(CampaignStatus status = CampaignStatus.Open)
    {
        var kinds = Instrument.ToDictionary(i => i.Id, i => i.Kind);
        var codes = OrganisationsIn.SelectMany(o => Areas.RollUpOf(o.Organisation)).Append(AreaCode.Scotland).Distinct();
        return new FeedSnapshot(
            new FeedVersion("truth", DateTimeOffset.UnixEpoch),
            [.. codes.Select(code => new CampaignInsight(
                code.Value,
                Id,
                Guid.Parse("00000000-0000-0000-0000-0000000000a1"),
                1,
                (int)Responses(code),
                [.. Instrument.Where(i => Answers(code, i.Id, null) > 0).Select(i => new ItemInsight(
                    i.Id,
                    i.Pillar,
                    i.Outcomes,
                    (int)Answers(code, i.Id, null),
                    Under(code).Sum(o => o.Answers.TryGetValue(i.Id, out var d) ? d.Sum(kv => (long)kv.Key * kv.Value) : 0),
                    Enumerable.Range(i.Min, Math.Max(0, i.Max - i.Min + 1)).Select(k => (Key: k, Count: (int)Answers(code, i.Id, k))).Where(x => x.Count > 0).ToDictionary(x => x.Key, x => x.Count)))],
                Under(code).Sum(o => o.Headcount),
                status,
                "Random",
                kinds,
                DateTimeOffset.UnixEpoch))],
            []);
    }

    private static readonly Gen<int> Small = Gen.Frequency((4, Gen.Int[1, 12]), (2, Gen.Int[1, 40]), (1, Gen.Int[1, 200]));

    /// <summary>A random campaign: a few organisations (boards themselves among them), some with very few responses,
    /// optional items answered by some, zero-response organisations included.</summary>
    public static Gen<RandomCampaign> Any { get; } =
        Gen.Int[1, 14].SelectMany(n => Gen.Select(
            Gen.Int[0, Organisations.Count - 1].Array[n],
            Gen.Frequency((1, Gen.Const(0)), (6, Small)).Array[n],
            Gen.ULong.Array[n]))
        .Select((orgs, responses, seeds) =>
        {
            var chosen = new Dictionary<AreaCode, OrganisationAnswers>();
            for (var i = 0; i < orgs.Length; i++)
            {
                var code = Organisations[orgs[i]].Code;
                chosen.TryAdd(code, Answer(code, responses[i], new Random((int)(seeds[i] % int.MaxValue))));
            }

            return new RandomCampaign([.. chosen.Values]);
        });

    public static OrganisationAnswers Answer(AreaCode organisation, int responses, Random random)
    {
        var answers = new Dictionary<string, IReadOnlyDictionary<int, int>>();
        foreach (var item in Instrument)
        {
            var answering = item.Required ? responses : random.Next(0, responses + 1) * random.Next(0, 2);
            var counts = new Dictionary<int, int>();
            for (var r = 0; r < answering; r++)
            {
                var value = item.Max < item.Min ? 0 : random.Next(item.Min, item.Max + 1);
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }

            if (answering > 0)
            {
                answers[item.Id] = counts;
            }
        }

        return new OrganisationAnswers(organisation, responses, answers, (responses * 3) + 10);
    }
}
