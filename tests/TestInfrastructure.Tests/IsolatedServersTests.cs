using System.Text;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace ChampionNetwork.TestInfrastructure.Tests;

/// <summary>Two fixtures side by side, as two test classes would get them.</summary>
public sealed class IsolatedServersTests : IAsyncLifetime
{
    private readonly IsolatedServers _first = new();
    private readonly IsolatedServers _second = new();

    public Task InitializeAsync() => Task.WhenAll(_first.InitializeAsync(), _second.InitializeAsync());

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task A_message_published_in_one_vhost_is_not_seen_in_the_other()
    {
        Assert.NotEqual(_first.VirtualHost, _second.VirtualHost);
        Assert.NotEqual(_first.RabbitMqUri, _second.RabbitMqUri);
        await using var first = await ConnectAsync(_first.RabbitMqUri);
        await using var second = await ConnectAsync(_second.RabbitMqUri);
        await using var firstChannel = await first.CreateChannelAsync();
        await using var secondChannel = await second.CreateChannelAsync();
        const string queue = "isolation-probe";
        await firstChannel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        await secondChannel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);

        await firstChannel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("hello from the first vhost"));

        var received = await GetWithinAsync(firstChannel, queue, TimeSpan.FromSeconds(5));
        Assert.Equal("hello from the first vhost", Encoding.UTF8.GetString(received.Body.Span));
        Assert.Null(await secondChannel.BasicGetAsync(queue, autoAck: true));
    }

    [Fact]
    public async Task Each_fixture_gets_its_own_database_per_logical_name()
    {
        var first = await _first.DatabaseAsync("surveysdb");
        var firstAgain = await _first.DatabaseAsync("surveysdb");
        var second = await _second.DatabaseAsync("surveysdb");
        Assert.Equal(first, firstAgain);
        Assert.NotEqual(first, second);

        await ExecuteAsync(first, "CREATE TABLE probe (id int); INSERT INTO probe VALUES (42);");
        await ExecuteAsync(second, "CREATE TABLE probe (id int);");

        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM probe"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM probe"));
        Assert.Equal(1L, await ScalarAsync(second, "SELECT count(*) FROM pg_database WHERE datname = current_database()"));
    }

    [Fact]
    public async Task Redis_key_prefixes_keep_the_fixtures_apart()
    {
        Assert.NotEqual(_first.RedisKeyPrefix, _second.RedisKeyPrefix);
        Assert.EndsWith(":", _first.RedisKeyPrefix, StringComparison.Ordinal);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_first.RedisConnectionString);
        var first = redis.GetDatabase().WithKeyPrefix(_first.RedisKeyPrefix);
        var second = redis.GetDatabase().WithKeyPrefix(_second.RedisKeyPrefix);

        await first.StringSetAsync("greeting", "first");

        Assert.Equal("first", (string?)await first.StringGetAsync("greeting"));
        Assert.False(await second.KeyExistsAsync("greeting"));
    }

    private static Task<IConnection> ConnectAsync(Uri uri) => new ConnectionFactory { Uri = uri }.CreateConnectionAsync();

    private static async Task<BasicGetResult> GetWithinAsync(IChannel channel, string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No message arrived in '{queue}' within {timeout}.");
            await Task.Delay(20);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
