using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// The relay publishes order-sensitive events in the order they were staged, whatever order the rows lie in on disk,
/// and deletes each row once the broker has confirmed it.
/// </summary>
public sealed class OutboxOrderTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    // The relay's advisory lock key (OutboxRelay): held here, no relay publishes until the test lets go.
    private const long RelayLockKey = 0x6F7574626F78;
    private SurveysHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers);
        _events = await new EventRecorder(_host.EventBus).Record<CampaignClosed>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Order_sensitive_events_go_out_in_staging_order_even_when_the_rows_lie_out_of_order_on_disk()
    {
        await using var hold = new NpgsqlConnection(_host.Database);
        await hold.OpenAsync();
        await ExecuteAsync(hold, $"SELECT pg_advisory_lock({RelayLockKey})");

        var campaigns = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        await using (var scope = _host.Service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveysDb>();
            foreach (var campaign in campaigns)
            {
                db.AddIntegrationEvent(new CampaignClosed(Guid.NewGuid(), DateTimeOffset.UnixEpoch, campaign, DateTimeOffset.UnixEpoch, []));
                // One commit each, so each row has its own place in commit order.
                await db.SaveChangesAsync();
            }
        }

        // Rewriting every other row moves it to the end of the heap: a scan in physical order now differs from
        // commit order, so only an explicit order keeps the events in sequence.
        await ExecuteAsync(hold, "UPDATE outbox_messages SET attempts = attempts WHERE sequence % 2 = 0");
        await ExecuteAsync(hold, $"SELECT pg_advisory_unlock({RelayLockKey})");

        var received = await _events.WaitForAsync<CampaignClosed>(e => e.Count(c => campaigns.Contains(c.CampaignId)) >= campaigns.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(campaigns, received.Select(c => c.CampaignId).Where(campaigns.Contains));
        await Eventually.Returns(
            async () => (await _host.RowsAsync("SELECT count(*) AS n FROM outbox_messages WHERE event_type LIKE '%CampaignClosed'")).Single()["n"],
            n => (long)n! == 0,
            because: "for the relay to delete every row it published");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
