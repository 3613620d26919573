namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Configuration section "InsightHub:Batching". An entry grain (an organisation's) writes its state when
/// <see cref="MaxEvents"/> changes are waiting or <see cref="FlushIntervalMs"/> after the first of them, whichever
/// comes first; a board or Scotland after <see cref="RollUpFlushIntervalMs"/>. Each caller waits for the write that
/// holds its change.
/// </summary>
public sealed class BatchingOptions
{
    public const string SectionName = "InsightHub:Batching";

    public int MaxEvents { get; set; } = 64;

    public int FlushIntervalMs { get; set; } = 50;

    /// <summary>
    /// A board's or Scotland's wait before writing. What reaches them is already batched (one batch per child write),
    /// so by default (0) they write as soon as one arrives, and batches arriving during that write share the next:
    /// a response reaches Scotland one flush interval after its organisation sees it, not one per level.
    /// </summary>
    public int RollUpFlushIntervalMs { get; set; }

    /// <summary>How long a grain waits before sending again a batch its parent did not acknowledge.</summary>
    public int ForwardRetryMs { get; set; } = 1000;

    /// <summary>
    /// An organisation's counted event ids move out of its figures record, into a sealed chunk, this many at a time:
    /// the record then holds fewer than this many ids, whatever the number of responses.
    /// </summary>
    public int IdsPerChunk { get; set; } = 512;
}

public static class InsightStorage
{
    /// <summary>The grain storage provider name: <c>Orleans:GrainStorage:insight</c> in configuration.</summary>
    public const string Name = "insight";
}
