using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Tests.Privacy;
using ChampionNetwork.TestInfrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.Messaging.Tests;

/// <summary>
/// An operator who configures <c>Messaging:RetryIntervalsMs</c> gets exactly those retries, not the defaults
/// followed by them (the configuration binder appends to an array property that already holds elements).
/// </summary>
public sealed class RetryIntervalsTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private IHost _host = null!;

    public async Task InitializeAsync() => _host = await FailingConsumerHost.StartAsync(servers.RabbitMqUri, new Dictionary<string, string?>
    {
        ["Messaging:RetryIntervalsMs:0"] = "20",
        ["Messaging:RetryIntervalsMs:1"] = "20",
    });

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Configured_retry_intervals_replace_the_defaults()
    {
        var insight = new InsightSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow.Date, Guid.NewGuid(), Guid.NewGuid(), 1, "S37000008",
            [new InsightAnswer("comments", "wellbeing", ["O1"], null, "text", [])]);
        await _host.Services.GetRequiredService<IBus>().Publish(insight);

        await ErrorQueue.NextAsync(servers.RabbitMqUri, "answer-quoting_error");
        Assert.Equal(3, _host.Services.GetRequiredService<Attempts>().Count); // the first try and the two configured retries
    }

    [Fact]
    public void Without_configuration_the_defaults_apply_once()
    {
        Assert.Equal([50, 200, 1000], new MessagingOptions().RetryIntervals);
    }
}
