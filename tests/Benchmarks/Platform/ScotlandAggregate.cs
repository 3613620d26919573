using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace ChampionNetwork.Benchmarks.Platform;

/// <summary>
/// What the grains know, not what the public may see: Scotland's count of one campaign's responses as its area grain
/// last wrote it to Redis (<c>{ServiceId}/state/areainsight/S92000003/area</c>, hash field <c>data</c>, JSON), before
/// any publication or disclosure control. The grain writes after every batch it applies, so this is the internal
/// aggregate to within one state write.
/// </summary>
internal sealed class ScotlandAggregate(ConnectionMultiplexer redis, string serviceId, Guid campaign) : IAsyncDisposable
{
    private readonly RedisKey _key = $"{serviceId}/state/areainsight/S92000003/area";

    public static async Task<ScotlandAggregate> ConnectAsync(string connectionString, string serviceId, Guid campaign) =>
        new(await ConnectionMultiplexer.ConnectAsync(connectionString), serviceId, campaign);

    public async Task<long> CountAsync()
    {
        var data = await redis.GetDatabase().HashGetAsync(_key, "data");
        if (data.IsNull)
        {
            return 0;
        }

        var campaigns = JsonNode.Parse((byte[])data!)?["Campaigns"];
        return campaigns?[campaign.ToString()]?["Responses"]?.GetValue<long>()
            ?? campaigns?[campaign.ToString("N")]?["Responses"]?.GetValue<long>()
            ?? 0;
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();
}
