namespace ChampionNetwork.Surveys.Data;

/// <summary>Configuration section "DemoData": whether a fresh database gets the sample instrument and demo campaign.</summary>
public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";

    public bool Enabled { get; set; } = true;
}
