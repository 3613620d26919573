using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.ReferenceData;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>Random but reproducible InsightSubmitted events, and the raw figures they should add up to.</summary>
internal static class InsightEvents
{
    public static readonly Guid Instrument = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    public static readonly CampaignItem[] Items =
    [
        new("valued", "Likert"),
        new("workload", "Likert"),
        new("recommend", "Scale"),
    ];

    public static InsightSubmitted Response(Guid campaign, string organisation, Random random) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow.Date,
        campaign,
        Instrument,
        1,
        organisation,
        [
            new InsightAnswer("valued", "Employ", ["EMPLOY-S1"], random.Next(1, 6)),
            new InsightAnswer("workload", "Nurture", ["NURTURE-S1"], random.Next(1, 6)),
            new InsightAnswer("recommend", "Attract", ["ATTRACT-S3"], random.Next(0, 11)),
            new InsightAnswer("one-change", "Nurture", ["NURTURE-S1"], null, "More breaks", ["Nurture"]),
        ]);

    /// <summary>Organisations from several boards, each with its own number of responses (some below 5).</summary>
    public static List<InsightSubmitted> Spread(Guid campaign, IReadOnlyList<string> organisations, int total, Random random)
    {
        var events = new List<InsightSubmitted>(total);
        for (var i = 0; i < total; i++)
        {
            // Skewed: the first organisations get most responses, the last few only a handful.
            var index = Math.Min(organisations.Count - 1, (int)(Math.Pow(random.NextDouble(), 1.6) * organisations.Count));
            events.Add(Response(campaign, organisations[index], random));
        }

        return events;
    }

    public static CampaignOpened Opened(Guid campaign, IEnumerable<string> organisations, int headcount = 400) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        campaign,
        "Test pulse",
        Instrument,
        1,
        DateTimeOffset.UtcNow.AddDays(-1),
        DateTimeOffset.UtcNow.AddDays(30),
        [.. organisations.Select(o => new EligibleHeadcount(o, headcount))],
        Items);

    /// <summary>Expected raw responses and sums per area (organisation, board, Scotland) for a set of events.</summary>
    public static Dictionary<string, (int Responses, long ValuedSum, long RecommendSum)> Expected(IEnumerable<InsightSubmitted> events)
    {
        var expected = new Dictionary<string, (int, long, long)>(StringComparer.Ordinal);
        foreach (var e in events.DistinctBy(e => e.EventId))
        {
            foreach (var area in AreaRegistry.Default.RollUpOf(AreaCode.Parse(e.OrganisationCode)))
            {
                var (n, valued, recommend) = expected.GetValueOrDefault(area.Value);
                expected[area.Value] = (n + 1, valued + e.Answers[0].Value!.Value, recommend + e.Answers[2].Value!.Value);
            }
        }

        return expected;
    }
}
