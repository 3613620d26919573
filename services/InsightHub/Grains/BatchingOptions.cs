namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Configuration section "InsightHub:Batching". An area grain writes its state when <see cref="MaxEvents"/> changes
/// are waiting or <see cref="FlushIntervalMs"/> after the first of them, whichever comes first. Each caller waits
/// for the write that holds its change.
/// </summary>
public sealed class BatchingOptions
{
    public const string SectionName = "InsightHub:Batching";

    public int MaxEvents { get; set; } = 64;

    public int FlushIntervalMs { get; set; } = 50;

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
