using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.InsightHub.ClusterTests;

/// <summary>
/// Three silo processes on one Redis cluster, competing for the same queues. One is killed mid-stream; its grains
/// come back on the others with their state from Redis, its unacknowledged messages are redelivered, and the
/// figures come out exact.
/// </summary>
public sealed class ThreeSiloTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const int Total = 1500;

    [Fact]
    public async Task Killing_one_silo_of_three_mid_stream_gives_exactly_the_right_figures()
    {
        var identity = new TestIdentity();
        await using var stream = await EventStream.StartAsync(servers.RabbitMqUri);
        var insightHubDb = await servers.DatabaseAsync("insighthubdb");
        var silos = new[] { "a", "b", "c" }
            .Select(name => SiloProcess.Start(name, servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, insightHubDb, identity))
            .ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120))));

            var publishing = stream.PublishAsync(Total, seed: 3, pause: TimeSpan.FromMilliseconds(400));
            using var analyst = silos[0].Client(identity.PolicyAnalyst());
            var counted = await Eventually.Returns(() => EventStream.ScotlandResponsesAsync(analyst, stream.Campaign), n => n >= 200, TimeSpan.FromSeconds(90), because: "for the cluster to be counting");

            silos[1].Kill();
            Assert.True(silos[1].HasExited);
            Assert.True(counted < Total, $"the silo must die mid-stream; {counted} of {Total} were counted");
            await publishing;

            await EventStream.WaitForAsync(analyst, stream.Campaign, Total, TimeSpan.FromSeconds(150));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var expected = stream.Expected();
            EventStream.AssertPublishedFiguresExact(expected, await EventStream.FeedFiguresAsync(analyst, stream.Campaign, expected.Keys));

            // The third silo serves the same figures: one cluster, one state.
            using var other = silos[2].Client(identity.PolicyAnalyst());
            EventStream.AssertPublishedFiguresExact(expected, await EventStream.FeedFiguresAsync(other, stream.Campaign, expected.Keys));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
