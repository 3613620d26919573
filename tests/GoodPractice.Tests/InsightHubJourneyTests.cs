extern alias insighthub;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// End to end on the real servers: a practice shared by Angus HSCP and adopted by Dundee City HSCP reaches InsightHub's
/// feeds as this quarter's count for the adopting organisation, its board (NHS Tayside) and Scotland.
/// </summary>
public sealed class InsightHubJourneyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Sharing = "S37000003";
    private const string Adopting = "S37000007";
    private const string Board = "S08000030";
    private const string Scotland = "S92000003";

    private ServiceUnderTest<insighthub::Program> _insightHub = null!;
    private GoodPracticeHost _goodPractice = null!;

    public async Task InitializeAsync()
    {
        _goodPractice = await GoodPracticeHost.StartAsync(servers);
        _insightHub = new ServiceUnderTest<insighthub::Program>(ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), _goodPractice.Identity));
        _insightHub.Start();
        // InsightHub's queues must be bound before anything is published.
        await _insightHub.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        await _goodPractice.DisposeAsync();
        await _insightHub.DisposeAsync();
    }

    [Fact]
    public async Task An_adoption_is_this_quarter_s_count_for_the_adopter_its_board_and_Scotland()
    {
        var practice = await _goodPractice.ShareAsync(Sharing);
        var adopted = await _goodPractice.Editor(Adopting).PostAsJsonAsync(new Uri($"/api/practices/{practice}/adoptions", UriKind.Relative), new { note = "Started in six practices" });
        Assert.Equal(201, (int)adopted.StatusCode);

        var today = DateTime.UtcNow;
        var quarter = string.Create(CultureInfo.InvariantCulture, $"{today.Year}-Q{((today.Month - 1) / 3) + 1}");
        var analyst = _insightHub.ClientWithToken(_goodPractice.Identity.PolicyAnalyst());
        foreach (var area in new[] { Adopting, Board, Scotland })
        {
            var activity = await Eventually.Returns(
                async () => (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{area}", UriKind.Relative)))!["activity"]!.AsArray(),
                a => a.Any(q => q!["goodPracticeAdopted"]!.GetValue<int>() > 0),
                TimeSpan.FromSeconds(60),
                because: $"for the adoption to reach {area}'s feed");
            var figures = Assert.Single(activity)!;
            Assert.Equal(quarter, figures["period"]!.GetValue<string>());
            Assert.Equal(1, figures["goodPracticeAdopted"]!.GetValue<int>());
        }

        // The sharing is counted for the sharer's own area, not the adopter's.
        var sharer = await Eventually.Returns(
            async () => (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{Sharing}", UriKind.Relative)))!["activity"]!.AsArray(),
            a => a.Any(q => q!["goodPracticeShared"]!.GetValue<int>() > 0),
            TimeSpan.FromSeconds(60),
            because: "for the sharing to reach the sharer's feed");
        Assert.Equal(0, Assert.Single(sharer)!["goodPracticeAdopted"]!.GetValue<int>());
        var adopter = (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{Adopting}", UriKind.Relative)))!["activity"]!.AsArray();
        Assert.Equal(0, Assert.Single(adopter)!["goodPracticeShared"]!.GetValue<int>());
    }
}
