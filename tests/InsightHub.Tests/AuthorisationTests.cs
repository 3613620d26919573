using System.Net;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Identity;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>Feeds are for policy teams; replay is for admins. Real RabbitMQ and Redis.</summary>
public sealed class AuthorisationTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    public static TheoryData<string> Feeds => new(
        "/api/feeds/areas/S92000003",
        "/api/feeds/insight.csv",
        "/api/feeds/insight.atom");

    private Hub _hub = null!;

    public async Task InitializeAsync() => _hub = await Hub.StartAsync(servers);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task An_anonymous_caller_gets_401_from_every_feed(string path)
    {
        var response = await _hub.Service.ClientWithToken(null).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task A_champion_gets_403_from_every_feed(string path)
    {
        var response = await _hub.Service.ClientWithToken(_hub.Identity.Champion("S37000034")).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task A_forged_analyst_token_gets_401(string path)
    {
        var response = await _hub.Service.ClientWithToken(TestIdentity.Forged("policy-analyst")).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_policy_analyst_cannot_request_a_replay()
    {
        var response = await _hub.Analyst.PostAsync(new Uri($"/api/admin/campaigns/{Guid.NewGuid()}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bad_area_codes_are_a_400_and_unknown_ones_a_404_not_a_500()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _hub.Analyst.GetAsync(new Uri("/api/feeds/areas/not-a-code", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Analyst.GetAsync(new Uri("/api/feeds/areas/S08999999", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _hub.Analyst.GetAsync(new Uri("/api/feeds/insight.csv?pillar=Sleep", UriKind.Relative))).StatusCode);
    }
}
