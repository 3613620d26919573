namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Changes applied in memory and waiting for one state write. Callers await <see cref="Written"/>; it completes
/// when the write that holds their change is durable, or fails with the write.
/// </summary>
internal sealed class StateBatch
{
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count { get; set; }

    public HashSet<string> ChangedFeeds { get; } = new(StringComparer.Ordinal);

    public Task Written => _written.Task;

    public void Complete() => _written.TrySetResult();

    public void Fail(Exception exception) => _written.TrySetException(exception);
}
