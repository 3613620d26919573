using System.Net;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// The transactional outbox: a response accepted while the broker is down, released into the outbox by a Surveys
/// process that then stops before it could publish, still reaches the feed once the broker is back, is counted
/// exactly once, and leaves no row behind.
/// This class kills its own broker, so it never touches the shared one.
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private const string Organisation = "S37000008";
    private LocalRabbitMq _broker = null!;
    private Platform _platform = null!;

    public async Task InitializeAsync()
    {
        _broker = await LocalRabbitMq.StartAsync();
        var eventBus = await _broker.CreateVirtualHostAsync(TestNames.Unique("outbox"));
        var postgres = await TestServers.PostgresAsync();
        var redis = await TestServers.RedisAsync();
        _platform = await Platform.StartAsync(eventBus, await postgres.CreateDatabaseAsync(TestNames.Unique("surveysdb")), await postgres.CreateDatabaseAsync(TestNames.Unique("insighthubdb")), redis.ConnectionString, TestNames.Unique("outbox"));
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Responses_stored_while_the_broker_is_down_are_delivered_once_after_it_returns_and_the_service_restarts()
    {
        await _broker.StopAsync();

        for (var i = 0; i < 5; i++)
        {
            var champion = _platform.Surveys.ClientWithToken(_platform.Identity.Champion(Organisation));
            var response = await Responses.SubmitAsync(champion, Organisation);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // The release (every second here) moves them from the sealed intake into responses and the outbox.
        await Eventually.Returns(
            () => _platform.ScalarAsync("SELECT count(*) FROM responses"),
            n => n == 5,
            because: "for the release to store the 5 sealed responses");
        Assert.Equal(0, await _platform.ScalarAsync("SELECT count(*) FROM response_intake"));
        Assert.Equal(5, await _platform.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted'"));

        // The process that accepted the responses goes away before it could publish them.
        await _platform.RestartSurveysAsync();
        await _broker.StartAgainAsync();

        var analyst = _platform.InsightHub.ClientWithToken(_platform.Identity.PolicyAnalyst());
        await Eventually.Returns(
            () => Feeds.AreaAsync(analyst, Organisation, Responses.DemoCampaign),
            feed => feed.Campaign().ResponsesValue() == 5,
            timeout: TimeSpan.FromSeconds(60),
            because: "for the outbox to publish the 5 stored responses once the broker is back");

        // Published rows are deleted: nothing of the 5 stays in the outbox.
        await Eventually.Returns(
            () => _platform.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted'"),
            n => n == 0,
            because: "for the relay to delete the rows it published");

        // Nothing arrives twice: give any duplicate time to land, then count again.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var feed = await Feeds.AreaAsync(analyst, Organisation, Responses.DemoCampaign);
        Assert.Equal(5, feed.Campaign().ResponsesValue());
    }
}
