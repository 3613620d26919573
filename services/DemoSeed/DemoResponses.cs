using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.DemoSeed;

/// <summary>
/// Who answers and what, reproducibly from one seed: the organisations invited (every board first, then HSCPs and
/// councils), how many answer in each (a few below every disclosure threshold), and answers whose mood differs from
/// one organisation to the next, so that the feeds have something to show.
/// </summary>
public sealed class DemoResponses(DemoSeedOptions options)
{
    private static readonly string[] OptionalLikert = ["supervision", "training", "local-services"];
    private static readonly string[] Changes =
    [
        "Protected time for breaks on every shift.",
        "A quiet room to step away to after a difficult call.",
        "Regular reflective practice with my team.",
        "Clearer information about the wellbeing support on offer.",
        "More flexibility in how rotas are planned.",
    ];

    public IReadOnlyList<Area> Organisations(AreaRegistry areas) =>
    [
        .. areas.OfType(AreaType.Board).OrderBy(a => a.Code.Value, StringComparer.Ordinal)
            .Concat(areas.OfType(AreaType.Hscp).OrderBy(a => a.Code.Value, StringComparer.Ordinal))
            .Concat(areas.OfType(AreaType.Council).OrderBy(a => a.Code.Value, StringComparer.Ordinal))
            .Take(options.Organisations),
    ];

    /// <summary>How many respond in each organisation: the last few get 1 to 4, the rest share what is left by size.</summary>
    public IReadOnlyList<(Area Organisation, int Responses)> Plan(IReadOnlyList<Area> organisations)
    {
        var random = new Random(options.Seed);
        var small = organisations.TakeLast(options.SmallOrganisations).Select(o => (o, random.Next(1, 5))).ToList();
        var large = organisations.SkipLast(options.SmallOrganisations).ToList();
        var left = options.Responses - small.Sum(s => s.Item2);
        var weights = large.Select(o => (o.Type == AreaType.Board ? 3.0 : 1.0) * (0.6 + random.NextDouble())).ToList();
        var shares = weights.Select(w => (int)Math.Floor(left * w / weights.Sum())).ToList();
        shares[0] += left - shares.Sum();
        return [.. large.Zip(shares), .. small];
    }

    /// <summary>One response's answers: Likert 1-5 around the organisation's mood, sometimes the optional items too.</summary>
    public static object[] Answers(Random random, double mood)
    {
        int Likert() => Math.Clamp((int)Math.Round(mood + ((random.NextDouble() - 0.5) * 2.6)), 1, 5);
        var answers = new List<object>
        {
            new { itemId = "valued", value = Likert() },
            new { itemId = "workload", value = Math.Clamp(Likert() - 1, 1, 5) },
            new { itemId = "support", value = Likert() },
        };
        answers.AddRange(OptionalLikert.Where(_ => random.NextDouble() < 0.6).Select(item => new { itemId = item, value = Likert() }));
        if (random.NextDouble() < 0.7)
        {
            answers.Add(new { itemId = "recommend", value = Math.Clamp((int)Math.Round((mood * 2) + (random.NextDouble() * 3) - 1.5), 0, 10) });
        }

        if (random.NextDouble() < 0.2)
        {
            answers.Add(new { itemId = "one-change", text = Changes[random.Next(Changes.Length)] });
        }

        return [.. answers];
    }
}
