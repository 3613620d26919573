namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// What an area grain stores: per campaign, the counts and sums every published figure derives from, and the
/// activity (good practice, case studies) of the organisations in the area. Raw: no disclosure control here.
/// </summary>
[GenerateSerializer]
public sealed class AreaInsightState
{
    [Id(0)]
    public Dictionary<Guid, CampaignTally> Campaigns { get; set; } = [];

    [Id(1)]
    public ActivityTally Activity { get; set; } = new();
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

    /// <summary>
    /// Event ids already counted, so a redelivered event changes nothing. Grows with the campaign's responses
    /// (16 bytes each); a replay resets it with the figures.
    /// </summary>
    [Id(4)]
    public HashSet<Guid> AppliedEventIds { get; set; } = [];

    /// <summary>Staff invited in the organisations of this area, from <c>CampaignOpened</c>; null until it arrives.</summary>
    [Id(5)]
    public int? EligibleHeadcount { get; set; }

    [Id(6)]
    public CampaignStatus Status { get; set; }

    [Id(7)]
    public string? Title { get; set; }

    /// <summary>Each item's kind (Likert, Scale, ...), from <c>CampaignOpened</c>.</summary>
    [Id(8)]
    public Dictionary<string, string> ItemKinds { get; set; } = [];

    /// <summary>When this area's figures for the campaign last changed.</summary>
    [Id(9)]
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The campaign's window, from <c>CampaignOpened</c>: the period its figures refer to.</summary>
    [Id(10)]
    public DateTimeOffset? OpensAt { get; set; }

    [Id(11)]
    public DateTimeOffset? ClosesAt { get; set; }
}

[GenerateSerializer]
public enum CampaignStatus
{
    /// <summary>No <c>CampaignOpened</c> or <c>CampaignClosed</c> seen yet: figures are provisional.</summary>
    Unknown,
    Open,
    Closed,
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

/// <summary>
/// Good practice and case studies of the organisations in an area, per calendar quarter (<c>2026-Q4</c>). Each set
/// holds ids, so counting is idempotent: a redelivered event adds an id that is already there.
/// </summary>
[GenerateSerializer]
public sealed class ActivityTally
{
    [Id(0)]
    public Dictionary<string, QuarterActivity> Quarters { get; set; } = [];
}

[GenerateSerializer]
public sealed class QuarterActivity
{
    [Id(0)]
    public HashSet<Guid> PracticesShared { get; set; } = [];

    /// <summary>Adoption event ids.</summary>
    [Id(1)]
    public HashSet<Guid> Adoptions { get; set; } = [];

    [Id(2)]
    public HashSet<Guid> CaseStudiesPublished { get; set; } = [];

    [Id(3)]
    public HashSet<Guid> CaseStudiesWithdrawn { get; set; } = [];

    [Id(4)]
    public DateTimeOffset ChangedAt { get; set; }
}
