using System.Net;
using System.Net.Http.Json;
using ChampionNetwork.Contracts.InsightHub;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>Surveys answers a replay request by republishing a campaign's stored responses with their original event ids.</summary>
public sealed class ReplayTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private SurveysHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers);
        _events = await new EventRecorder(_host.EventBus).Record<InsightSubmitted>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_replay_request_republishes_every_stored_response_once_with_its_original_event_id()
    {
        for (var i = 0; i < 4; i++)
        {
            var accepted = await _host.Champion("S08000015").PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers("S08000015", valued: i + 1));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var live = await _events.WaitForAsync<InsightSubmitted>(e => e.Count == 4);
        var request = new CampaignReplayRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, SurveysHost.DemoCampaign, "test");
        var bus = _host.Service.Services.GetRequiredService<IBus>();
        await bus.Publish(request);
        await bus.Publish(request); // redelivered: answered once

        var all = await _events.WaitForAsync<InsightSubmitted>(e => e.Count >= 8);
        await Task.Delay(TimeSpan.FromSeconds(2));
        all = _events.Received<InsightSubmitted>();
        Assert.Equal(8, all.Count);
        var replayed = all.Skip(4).ToList();
        Assert.Equal(live.Select(e => e.EventId).Order(), replayed.Select(e => e.EventId).Order());
        Assert.All(replayed, r => Assert.Equivalent(live.Single(l => l.EventId == r.EventId), r, strict: true));
    }
}
