namespace ChampionNetwork.DemoSeed;

/// <summary>Configuration section "DemoSeed".</summary>
public sealed class DemoSeedOptions
{
    public const string SectionName = "DemoSeed";

    /// <summary>Off: the seeder exits at once (tests and benchmarks that bring their own load).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Responses to the closed demo campaign, spread over <see cref="Organisations"/> organisations.</summary>
    public int Responses { get; set; } = 1_500;

    public int Organisations { get; set; } = 40;

    /// <summary>Organisations among them given fewer responses than any disclosure threshold (1 to 4 each).</summary>
    public int SmallOrganisations { get; set; } = 6;

    /// <summary>Responses to the open demo campaign, which stays open.</summary>
    public int OpenCampaignResponses { get; set; } = 24;

    /// <summary>How long the closed campaign is open for; the seeder waits for it to close.</summary>
    public TimeSpan OpenFor { get; set; } = TimeSpan.FromSeconds(75);

    public int Concurrency { get; set; } = 8;

    /// <summary>Written once seeding is done; while it exists a later run seeds nothing (./run.sh --fresh empties it).</summary>
    public string? MarkerFile { get; set; }

    /// <summary>The open campaign Surveys creates on a fresh database (Surveys' DemoCampaign).</summary>
    public Guid OpenCampaign { get; set; } = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");

    public Guid Instrument { get; set; } = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    public int Seed { get; set; } = 2026;
}
