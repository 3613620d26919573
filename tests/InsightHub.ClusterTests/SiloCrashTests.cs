using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.InsightHub.ClusterTests;

/// <summary>
/// Killing the silo process mid-stream (SIGKILL: no flush, no shutdown) and starting another loses nothing and
/// counts nothing twice: what was not written was not acknowledged, so RabbitMQ delivers it again.
/// On the shared RabbitMQ and Redis, with the class's own vhost and key prefix.
/// </summary>
public sealed class SiloCrashTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const int Total = 1500;

    [Fact]
    public async Task A_silo_killed_mid_stream_and_restarted_gives_exactly_the_right_figures()
    {
        var identity = new TestIdentity();
        await using var stream = await EventStream.StartAsync(servers.RabbitMqUri);
        await using var first = SiloProcess.Start("first", servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), identity);
        await first.WaitUntilHealthyAsync();

        var publishing = stream.PublishAsync(Total, seed: 1, pause: TimeSpan.FromMilliseconds(400));
        double? counted;
        using (var analyst = first.Client(identity.PolicyAnalyst()))
        {
            counted = await Eventually.Returns(() => EventStream.ScotlandResponsesAsync(analyst, stream.Campaign), n => n >= 200, TimeSpan.FromSeconds(90), because: "for the first silo to be counting");
        }

        first.Kill();
        Assert.True(first.HasExited);
        Assert.True(counted < Total, $"the silo must die mid-stream; it had counted {counted} of {Total}");

        await using var second = SiloProcess.Start("second", servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), identity);
        await second.WaitUntilHealthyAsync();
        await publishing;

        using var reader = second.Client(identity.PolicyAnalyst());
        await EventStream.WaitForAsync(reader, stream.Campaign, Total, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2)); // any late duplicate would land now
        var expected = stream.Expected();
        EventStream.AssertPublishedFiguresExact(expected, await EventStream.FeedFiguresAsync(reader, stream.Campaign, expected.Keys));
    }
}
