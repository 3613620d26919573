using ChampionNetwork.Contracts.Surveys;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>An <c>InsightSubmitted</c> the size of a real pulse response.</summary>
internal static class SampleInsight
{
    public static readonly Guid Campaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");
    public static readonly Guid Instrument = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    public static InsightSubmitted Create(string organisation = "S37000008", int seed = 0) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow.Date,
        Campaign,
        Instrument,
        1,
        organisation,
        [
            new InsightAnswer("valued", "Employ", ["EMPLOY-S1"], 1 + (seed % 5)),
            new InsightAnswer("workload", "Nurture", ["NURTURE-S1"], 1 + ((seed / 5) % 5)),
            new InsightAnswer("support", "Nurture", ["NURTURE-S3"], 1 + ((seed / 25) % 5)),
            new InsightAnswer("recommend", "Attract", ["ATTRACT-S3"], seed % 11),
        ]);
}
