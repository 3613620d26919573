using StackExchange.Redis;

namespace ChampionNetwork.InsightHub.Tests.Scale;

/// <summary>
/// The area grains' state as Redis holds it: bytes per grain key (<c>S92000003</c>, <c>S08000015</c>,
/// <c>S08000015/direct</c>, ...), read from the keys Orleans writes (<c>{ServiceId}/state/areainsight/{key}/{type}</c>).
/// </summary>
internal sealed class GrainStateStore(string connectionString, string serviceId) : IAsyncDisposable
{
    private const string Marker = "/state/areainsight/";
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() => ConnectionMultiplexer.ConnectAsync(connectionString));

    public async Task<IReadOnlyDictionary<string, long>> AreaStateBytesAsync()
    {
        var redis = await _redis.Value;
        var server = redis.GetServers().Single();
        var db = redis.GetDatabase();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: $"{serviceId}{Marker}*", pageSize: 500))
        {
            var name = key.ToString()[(serviceId.Length + Marker.Length)..];
            var area = name[..name.LastIndexOf('/')];
            sizes[area] = await BytesAsync(db, key);
        }

        return sizes;
    }

    private static async Task<long> BytesAsync(IDatabase db, RedisKey key)
    {
        var type = await db.KeyTypeAsync(key);
        if (type == RedisType.Hash)
        {
            long total = 0;
            foreach (var entry in await db.HashGetAllAsync(key))
            {
                total += ((byte[])entry.Value!).Length;
            }

            return total;
        }

        return type == RedisType.String ? await db.StringLengthAsync(key) : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            await (await _redis.Value).DisposeAsync();
        }
    }
}
