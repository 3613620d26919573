using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// Gathers the raw figures of every area for one campaign (or all activity) and keeps them until an area grain
/// says they changed, or until <see cref="SnapshotOptions.MaxAgeMs"/> has passed (a safety net for a lost
/// notification). Not reentrant: concurrent readers after a change wait for one rebuild.
/// </summary>
public sealed class FeedSnapshotGrain(
    [PersistentState("feed", InsightStorage.Name)] IPersistentState<FeedSnapshotState> state,
    AreaRegistry areas,
    IOptions<SnapshotOptions> options,
    TimeProvider clock) : Grain, IFeedSnapshotGrain
{
    private static readonly JsonSerializerOptions HashJson = new() { WriteIndented = false };
    private FeedSnapshot? _snapshot;
    private DateTimeOffset _builtAt;

    public Task Invalidate()
    {
        _snapshot = null;
        return Task.CompletedTask;
    }

    public async Task<FeedVersion> GetVersion(CancellationToken cancellationToken = default) =>
        (await GetSnapshot(cancellationToken)).Version;

    public async Task<FeedSnapshot> GetSnapshot(CancellationToken cancellationToken = default)
    {
        if (_snapshot is null || clock.GetUtcNow() - _builtAt > TimeSpan.FromMilliseconds(options.Value.MaxAgeMs))
        {
            _snapshot = await BuildAsync(cancellationToken);
            _builtAt = clock.GetUtcNow();
        }

        return _snapshot;
    }

    private async Task<FeedSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        IReadOnlyList<CampaignInsight> campaign = [];
        IReadOnlyList<ActivityInsight> activity = [];
        if (key == FeedSnapshotKeys.Activity)
        {
            var all = await Task.WhenAll(areas.All.Select(a => Area(a).GetActivity(cancellationToken)));
            activity = [.. all.SelectMany(a => a).OrderBy(a => a.AreaCode, StringComparer.Ordinal).ThenBy(a => a.Quarter, StringComparer.Ordinal)];
        }
        else
        {
            var campaignId = Guid.Parse(key["campaign:".Length..]);
            var all = await Task.WhenAll(areas.All.Select(a => Area(a).GetCampaignInsight(campaignId, cancellationToken)));
            campaign = [.. all.OfType<CampaignInsight>().OrderBy(c => c.AreaCode, StringComparer.Ordinal)];
        }

        var hash = Hash(campaign, activity);
        if (hash != state.State.ContentHash)
        {
            state.State.ContentHash = hash;
            state.State.ComputedAt = clock.GetUtcNow();
            await state.WriteStateAsync(cancellationToken);
        }

        return new FeedSnapshot(new FeedVersion(state.State.ContentHash, state.State.ComputedAt), campaign, activity);
    }

    private IAreaInsightGrain Area(Area area) => GrainFactory.GetGrain<IAreaInsightGrain>(area.Code.Value);

    private static string Hash(IReadOnlyList<CampaignInsight> campaign, IReadOnlyList<ActivityInsight> activity)
    {
        // Records with sorted collections serialise the same way every time, on every silo.
        var json = JsonSerializer.Serialize(new { campaign, activity }, HashJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];
    }
}

/// <summary>Configuration section "InsightHub:Snapshots".</summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "InsightHub:Snapshots";

    /// <summary>A snapshot older than this is rebuilt on the next read even without a change notification.</summary>
    public int MaxAgeMs { get; set; } = 30_000;
}
