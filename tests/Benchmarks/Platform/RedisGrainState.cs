using System.Globalization;
using StackExchange.Redis;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// InsightHub's area grain state as Redis holds it (keys <c>{ServiceId}/state/areainsight/{key}/{state name}</c>): bytes
/// of each grain's figures record (state <c>area</c>, what every write rewrites; an organisation's sealed id chunks,
/// <c>ids-...</c>, are written once each and are not counted); and the bytes Redis has received (INFO stats
/// <c>total_net_input_bytes</c>: every write and command).
/// </summary>
internal sealed class RedisGrainState(ConnectionMultiplexer redis, string serviceId) : IAsyncDisposable
{
    private const string Marker = "/state/areainsight/";

    public static async Task<RedisGrainState> ConnectAsync(string connectionString, string serviceId) =>
        new(await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true"), serviceId);

    public async Task<IReadOnlyDictionary<string, long>> AreaStateBytesAsync()
    {
        var server = redis.GetServers().Single();
        var db = redis.GetDatabase();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: $"{serviceId}{Marker}*", pageSize: 500))
        {
            var name = key.ToString()[(serviceId.Length + Marker.Length)..];
            if (!name.EndsWith("/area", StringComparison.Ordinal))
            {
                continue;
            }

            var type = await db.KeyTypeAsync(key);
            long bytes = 0;
            if (type == RedisType.Hash)
            {
                foreach (var entry in await db.HashGetAllAsync(key))
                {
                    bytes += ((byte[])entry.Value!).Length;
                }
            }
            else if (type == RedisType.String)
            {
                bytes = await db.StringLengthAsync(key);
            }

            sizes[name[..name.LastIndexOf('/')]] = bytes;
        }

        return sizes;
    }

    public async Task<long> BytesReceivedAsync()
    {
        var info = await redis.GetServers().Single().InfoAsync("stats");
        var value = info.SelectMany(g => g).First(p => p.Key == "total_net_input_bytes").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();
}
