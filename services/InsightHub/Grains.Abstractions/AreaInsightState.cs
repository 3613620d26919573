namespace ChampionNetwork.InsightHub.Grains;

/// <summary>What an area grain stores: per campaign, the counts and sums every published figure derives from.</summary>
[GenerateSerializer]
public sealed class AreaInsightState
{
    [Id(0)]
    public Dictionary<Guid, CampaignTally> Campaigns { get; set; } = [];
}

[GenerateSerializer]
public sealed class CampaignTally
{
    [Id(0)]
    public Guid InstrumentId { get; set; }

    [Id(1)]
    public int InstrumentVersion { get; set; }

    [Id(2)]
    public int Responses { get; set; }

    [Id(3)]
    public Dictionary<string, ItemTally> Items { get; set; } = [];

    /// <summary>Event ids already counted, so a redelivered event changes nothing.</summary>
    [Id(4)]
    public HashSet<Guid> AppliedEventIds { get; set; } = [];
}

[GenerateSerializer]
public sealed class ItemTally
{
    [Id(0)]
    public string Pillar { get; set; } = "";

    [Id(1)]
    public List<string> OutcomeCodes { get; set; } = [];

    [Id(2)]
    public int Count { get; set; }

    [Id(3)]
    public long Sum { get; set; }

    /// <summary>How many answers gave each value.</summary>
    [Id(4)]
    public Dictionary<int, int> Distribution { get; set; } = [];
}
