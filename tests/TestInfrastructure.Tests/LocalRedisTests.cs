using System.Net.Sockets;
using StackExchange.Redis;

namespace ChampionNetwork.TestInfrastructure.Tests;

public class LocalRedisTests
{
    [Fact]
    public async Task A_key_written_before_kill_9_is_there_after_restart_and_dispose_leaves_nothing()
    {
        var redis = await LocalRedis.StartAsync();
        var folder = redis.DataDirectory;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            await connection.GetDatabase().StringSetAsync("survives", "the crash");
        }

        await redis.KillAsync();
        await redis.StartAgainAsync();

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            Assert.Equal("the crash", (string?)await connection.GetDatabase().StringGetAsync("survives"));
        }

        await redis.DisposeAsync();
        await redis.DisposeAsync(); // idempotent
        Assert.False(Directory.Exists(folder));
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", redis.Port));
    }
}
