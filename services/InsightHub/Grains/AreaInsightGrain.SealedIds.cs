using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ChampionNetwork.InsightHub.Grains;

/// <summary>
/// An entry grain's counted event ids, kept out of its figures record so that a write costs the same at the
/// 400,000th response as at the first. Ids gather in <see cref="CampaignTally.AppliedEventIds"/>, written with the
/// figures they counted towards. Once <see cref="BatchingOptions.IdsPerChunk"/> are there, the next write first stores
/// them as a sealed <see cref="AppliedIdChunk"/> (a record of its own in the same grain storage), then the figures
/// with the chunk counted and those ids gone. A failure between the two leaves the ids in both places, which counts
/// nothing twice: the next activation reads the figures record as it was, and the chunk is written again.
/// </summary>
public sealed partial class AreaInsightGrain
{
    private readonly Dictionary<Guid, HashSet<Guid>> _sealedIds = [];
    private IGrainStorage? _storage;

    private IGrainStorage Storage => _storage ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(InsightStorage.Name);

    private bool IsSealed(Guid campaignId, Guid eventId) => _sealedIds.TryGetValue(campaignId, out var ids) && ids.Contains(eventId);

    private async Task LoadSealedIdsAsync()
    {
        foreach (var (campaignId, campaign) in state.State.Campaigns)
        {
            var generation = GenerationOf(campaignId);
            var chunks = await Task.WhenAll(Enumerable.Range(0, campaign.SealedIdChunks).Select(n => ReadChunkAsync(campaignId, generation, n)));
            var ids = new HashSet<Guid>();
            for (var n = 0; n < chunks.Length; n++)
            {
                ids.UnionWith(chunks[n] is { RecordExists: true, State: { } chunk }
                    ? chunk.Ids
                    : throw new InvalidOperationException($"Area {Key} has lost sealed chunk {n} of campaign {campaignId}: it could not tell a redelivery from a new response."));
            }

            if (ids.Count > 0)
            {
                _sealedIds[campaignId] = ids;
            }
        }
    }

    /// <summary>Before a write: seals each campaign's ids once there are enough of them.</summary>
    private async Task SealAppliedIdsAsync()
    {
        foreach (var (campaignId, campaign) in state.State.Campaigns)
        {
            if (campaign.AppliedEventIds.Count < batching.Value.IdsPerChunk)
            {
                continue;
            }

            var generation = GenerationOf(campaignId);
            var chunk = await ReadChunkAsync(campaignId, generation, campaign.SealedIdChunks); // written already if a write failed after it
            chunk.State = new AppliedIdChunk { Ids = [.. campaign.AppliedEventIds] };
            await Storage.WriteStateAsync(ChunkName(campaignId, generation, campaign.SealedIdChunks), this.GetGrainId(), chunk);

            if (!_sealedIds.TryGetValue(campaignId, out var sealedIds))
            {
                _sealedIds[campaignId] = sealedIds = [];
            }

            sealedIds.UnionWith(campaign.AppliedEventIds);
            campaign.AppliedEventIds = [];
            campaign.SealedIdChunks++;
        }
    }

    private async Task<GrainState<AppliedIdChunk>> ReadChunkAsync(Guid campaignId, long generation, int number)
    {
        var chunk = new GrainState<AppliedIdChunk>(new AppliedIdChunk());
        await Storage.ReadStateAsync(ChunkName(campaignId, generation, number), this.GetGrainId(), chunk);
        return chunk;
    }

    private static string ChunkName(Guid campaignId, long generation, int number) => $"ids-{campaignId:N}-{generation}-{number}";
}
