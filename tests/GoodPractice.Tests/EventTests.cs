using System.Net.Http.Json;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Messaging;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>Sharing and adopting are published through the outbox to the real broker, and the outbox empties.</summary>
public sealed class EventTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private GoodPracticeHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _events = await new EventRecorder(servers.RabbitMqUri).Record<GoodPracticeShared>().Record<GoodPracticeAdopted>().StartAsync();
        _host = await GoodPracticeHost.StartAsync(servers);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _events.DisposeAsync();
    }

    [Fact]
    public async Task Sharing_and_adopting_publish_their_events_once_each_with_the_practice_s_codes()
    {
        var practice = await _host.ShareAsync("S37000003", GoodPracticeHost.Practice("Peer support", p =>
        {
            p["pillars"] = new System.Text.Json.Nodes.JsonArray("Nurture");
            p["outcomeCodes"] = new System.Text.Json.Nodes.JsonArray("NURTURE-S2", "ATTRACT-S4");
        }));
        var adopted = await _host.Editor("S37000007").PostAsJsonAsync(new Uri($"/api/practices/{practice}/adoptions", UriKind.Relative), new { note = "In six practices" });
        Assert.Equal(201, (int)adopted.StatusCode);
        // A second adoption by the same organisation is refused and publishes nothing.
        Assert.Equal(409, (int)(await _host.Editor("S37000007").PostAsJsonAsync(new Uri($"/api/practices/{practice}/adoptions", UriKind.Relative), new { })).StatusCode);

        var shared = Assert.Single(await _events.WaitForAsync<GoodPracticeShared>(e => e.Count >= 1));
        Assert.Equal(practice, shared.PracticeId);
        Assert.Equal("S37000003", shared.OrganisationCode);
        Assert.Equal("Peer support", shared.Title);
        // The pillars named plus those of the outcomes, in the Plan's order.
        Assert.Equal(["Attract", "Nurture"], shared.Pillars);
        Assert.Equal(["NURTURE-S2", "ATTRACT-S4"], shared.OutcomeCodes);

        var adoption = Assert.Single(await _events.WaitForAsync<GoodPracticeAdopted>(e => e.Count >= 1));
        Assert.Equal(practice, adoption.PracticeId);
        Assert.Equal("S37000003", adoption.SharingOrganisationCode);
        Assert.Equal("S37000007", adoption.AdoptingOrganisationCode);
        Assert.Equal(["NURTURE-S2", "ATTRACT-S4"], adoption.OutcomeCodes);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(_events.Received<GoodPracticeAdopted>());
        Assert.Equal(0, await _host.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }
}
