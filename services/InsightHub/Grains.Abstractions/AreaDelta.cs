namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// What an area's figures gained since it last sent a batch to its parent: per campaign, counts and sums; per
/// quarter, activity counts. Constant in the number of responses (one entry per campaign item and answer value).
/// </summary>
[GenerateSerializer]
public sealed class AreaDelta
{
    [Id(0)]
    public Dictionary<Guid, CampaignDelta> Campaigns { get; set; } = [];

    [Id(1)]
    public Dictionary<string, QuarterCounts> Activity { get; set; } = [];

    public bool IsEmpty => Campaigns.Count == 0 && Activity.Count == 0;
}

/// <summary>One campaign's part of a delta, for the figures of one reset generation of the campaign.</summary>
[GenerateSerializer]
public sealed class CampaignDelta
{
    /// <summary>The campaign's reset generation the figures belong to: a parent drops a delta of an older one.</summary>
    [Id(0)]
    public long Generation { get; set; }

    [Id(1)]
    public Guid InstrumentId { get; set; }

    [Id(2)]
    public int InstrumentVersion { get; set; }

    [Id(3)]
    public int Responses { get; set; }

    [Id(4)]
    public Dictionary<string, ItemTally> Items { get; set; } = [];
}

/// <summary>Good practice and case study counts for one quarter.</summary>
[GenerateSerializer]
public sealed class QuarterCounts
{
    [Id(0)]
    public int PracticesShared { get; set; }

    [Id(1)]
    public int PracticesAdopted { get; set; }

    [Id(2)]
    public int CaseStudiesPublished { get; set; }

    [Id(3)]
    public int CaseStudiesWithdrawn { get; set; }

    /// <summary>The latest moment counted.</summary>
    [Id(4)]
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A numbered delta a child area sends its parent. The child writes it into its own state before sending it and
/// sends it again until the parent acknowledges; the parent applies batch n of a child only if its watermark for
/// that child is n - 1, so a batch delivered twice counts once. Never modified once sent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AreaBatch(
    [property: Id(0)] long Number,
    [property: Id(1)] AreaDelta Delta);
