using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChampionNetwork.Contracts.InsightHub;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using MassTransit;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>
/// A rebuild by events gives the figures of live aggregation. Surveys' answer to CampaignReplayRequested is
/// simulated here: the test republishes the same InsightSubmitted events, with their original ids, as Surveys does
/// from its stored responses. Real RabbitMQ and Redis.
/// </summary>
public sealed class ReplayTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private static readonly string[] Organisations = ["S37000034", "S12000049", "S37000012", "S12000036", "S37000005", "NB-SSSC"];

    [Fact]
    public async Task A_replay_resets_the_campaign_asks_Surveys_for_its_responses_and_rebuilds_the_same_figures()
    {
        await using var hub = await Hub.StartAsync(servers);
        var requests = Channel.CreateUnbounded<CampaignReplayRequested>();
        var listener = hub.Bus.ConnectReceiveEndpoint("test-surveys-replay", endpoint =>
            endpoint.Handler<CampaignReplayRequested>(context => requests.Writer.WriteAsync(context.Message).AsTask()));
        await listener.Ready;

        var campaign = Guid.NewGuid();
        var random = new Random(42);
        await hub.PublishAsync([InsightEvents.Opened(campaign, Organisations)]);
        var events = InsightEvents.Spread(campaign, Organisations, 300, random);
        await hub.PublishAsync(events);
        await hub.WaitForScotlandAsync(campaign, 300);
        var live = await FiguresAsync(hub, campaign);

        var admin = hub.Service.ClientWithToken(hub.Identity.Admin());
        var accepted = await admin.PostAsync(new Uri($"/api/admin/campaigns/{campaign}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = await requests.Reader.ReadAsync(timeout.Token);
        Assert.Equal(campaign, request.CampaignId);
        // Reset: nothing counted until Surveys answers (shown from the next publication), but the headcount from
        // CampaignOpened is kept.
        var reset = await Eventually.Returns(() => hub.AreaFeedAsync("S92000003", campaign), f => Hub.Responses(f) == 0, because: "for the reset to be published");
        Assert.Equal(0, Hub.Responses(reset));

        // Surveys' answer (simulated): the stored responses again, original event ids, in another order.
        await hub.PublishAsync(events.OrderBy(_ => random.Next()));
        await hub.WaitForScotlandAsync(campaign, 300);
        Assert.Equal(live, await FiguresAsync(hub, campaign));
        await listener.StopAsync();
    }

    private static Task<string> FiguresAsync(Hub hub, Guid campaign) => Hub.FiguresAsync(hub.Analyst, campaign);
}
