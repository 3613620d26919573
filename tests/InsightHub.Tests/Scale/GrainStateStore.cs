using StackExchange.Redis;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// The area grains' state as Redis holds it, read from the keys Orleans writes
/// (<c>{ServiceId}/state/areainsight/{key}/{state name}</c>): per grain key (<c>S92000003</c>, <c>S08000015</c>,
/// <c>S08000015/direct</c>, ...) its figures record (state <c>area</c>) and its sealed id chunks (<c>ids-...</c>).
/// </summary>
internal sealed class GrainStateStore(string connectionString, string serviceId) : IAsyncDisposable
{
    private const string Marker = "/state/areainsight/";
    private const string FiguresState = "area";
    private const string ChunkPrefix = "ids-";
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() => ConnectionMultiplexer.ConnectAsync(connectionString));

    /// <summary>Bytes of each area's figures record.</summary>
    public async Task<IReadOnlyDictionary<string, long>> AreaStateBytesAsync() =>
        (await RecordsAsync(stateName => stateName == FiguresState))
            .GroupBy(r => r.Area, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Bytes.Length), StringComparer.Ordinal);

    /// <summary>Each area's sealed id chunks, as stored.</summary>
    public async Task<IReadOnlyDictionary<string, List<byte[]>>> SealedChunksAsync() =>
        (await RecordsAsync(stateName => stateName.StartsWith(ChunkPrefix, StringComparison.Ordinal)))
            .GroupBy(r => r.Area, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Bytes).ToList(), StringComparer.Ordinal);

    /// <summary>An area's figures record, as stored.</summary>
    public async Task<byte[]> FiguresRecordAsync(string area) =>
        (await RecordsAsync(stateName => stateName == FiguresState)).Single(r => r.Area == area).Bytes;

    private async Task<List<(string Area, byte[] Bytes)>> RecordsAsync(Func<string, bool> stateName)
    {
        var redis = await _redis.Value;
        var server = redis.GetServers().Single();
        var db = redis.GetDatabase();
        var records = new List<(string, byte[])>();
        await foreach (var key in server.KeysAsync(pattern: $"{serviceId}{Marker}*", pageSize: 500))
        {
            var name = key.ToString()[(serviceId.Length + Marker.Length)..];
            var split = name.LastIndexOf('/');
            if (stateName(name[(split + 1)..]))
            {
                records.Add((name[..split], await BytesAsync(db, key)));
            }
        }

        return records;
    }

    private static async Task<byte[]> BytesAsync(IDatabase db, RedisKey key)
    {
        var type = await db.KeyTypeAsync(key);
        if (type == RedisType.Hash)
        {
            return [.. (await db.HashGetAllAsync(key)).SelectMany(entry => (byte[])entry.Value!)];
        }

        return type == RedisType.String ? (byte[])(await db.StringGetAsync(key))! : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            await (await _redis.Value).DisposeAsync();
        }
    }
}
