namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// What an area grain stores: per campaign, the counts and sums every published figure derives from, and the
/// activity (good practice, case studies) of the organisations in the area. Raw: no disclosure control here.
/// </summary>
/// <remarks>
/// Size. Only an entry grain (an organisation, or the <c>/direct</c> grain of a board or Scotland for their own
/// staff) keeps ids: <see cref="CampaignTally.AppliedEventIds"/>, the ids not yet sealed into an
/// <see cref="AppliedIdChunk"/> (fewer than the configured chunk size, 512 by default: at most about 20 KB in the stored JSON,
/// whatever the number of responses), and <see cref="Activity"/> (39 bytes per practice, adoption or case study of
/// the organisation). The sealed chunks are records of their own, each written once. A board or Scotland
/// keeps figures, one batch watermark per child and at most one pending and one outgoing delta: its size depends on
/// the number of campaigns, items, answer values, quarters and children, never on the number of responses.
/// </remarks>
[GenerateSerializer]
public sealed class AreaInsightState
{
    [Id(0)]
    public Dictionary<Guid, CampaignTally> Campaigns { get; set; } = [];

    /// <summary>Entry grains only: the ids of the activity counted, so that a redelivery counts nothing twice.</summary>
    [Id(1)]
    public ActivityTally Activity { get; set; } = new();

    /// <summary>Activity counts per quarter: what is read, at every level.</summary>
    [Id(2)]
    public Dictionary<string, QuarterCounts> ActivityCounts { get; set; } = [];

    /// <summary>Applied here, not yet in a batch for the parent.</summary>
    [Id(3)]
    public AreaDelta Pending { get; set; } = new();

    /// <summary>Sent (or about to be) to the parent and not yet acknowledged; written before it is sent.</summary>
    [Id(4)]
    public AreaBatch? Outgoing { get; set; }

    /// <summary>The number of the last batch formed for the parent.</summary>
    [Id(5)]
    public long LastBatch { get; set; }

    /// <summary>Per child grain key, the number of the last batch applied from it.</summary>
    [Id(6)]
    public Dictionary<string, long> ChildWatermarks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per campaign, its reset generation here (absent: 0). A replay moves every level to a new one.</summary>
    [Id(7)]
    public Dictionary<Guid, long> Generations { get; set; } = [];
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
    /// Entry grains only (an organisation's own responses): the event ids counted since the last sealed
    /// <see cref="AppliedIdChunk"/>, written with the figures they counted towards, so a redelivered event changes
    /// nothing. A replay resets them with the figures. Empty at a board or Scotland.
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

    /// <summary>Entry grains only: how many chunks of this campaign's counted ids are sealed, in this generation.</summary>
    [Id(12)]
    public int SealedIdChunks { get; set; }
}

/// <summary>
/// Event ids an entry grain counted for one campaign, sealed out of its figures record so that the record's size,
/// and so each write, does not grow with the responses. Written once, read when the grain activates.
/// </summary>
[GenerateSerializer]
public sealed class AppliedIdChunk
{
    [Id(0)]
    public List<Guid> Ids { get; set; } = [];
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
