namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Told of every publication of a feed snapshot, after it is durable in grain state: where subscriptions hook in
/// (InsightHub's Subscriptions feature records a notice for each matching subscription). Called at least once per
/// publication (again after a failure or a silo restart), so an implementation is idempotent on
/// (<paramref name="snapshotKey"/>, <c>snapshot.Version.ComputedAt</c>). Must not call back into the grain.
/// </summary>
public interface IFeedPublicationSink
{
    Task PublishedAsync(string snapshotKey, FeedSnapshot snapshot, bool closed, CancellationToken cancellationToken);
}
