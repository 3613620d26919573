using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.Surveys.Tests.Attacks;

/// <summary>
/// Any signed-in user, a champion included, reads a campaign's progress. Before, that showed every organisation's raw
/// count (1 to 4 included) and a one-decimal rate: a champion could watch each small organisation's arrivals.
/// </summary>
public sealed class CampaignFiguresAttackTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    // Four organisations answering 1, 2, 3 and 4 times: every one of them below the nhsbsa-5 threshold.
    private static readonly string[] SmallOrganisations = ["S37000001", "S37000002", "S37000003", "S37000004"];
    private SurveysHost _host = null!;

    public async Task InitializeAsync() => _host = await SurveysHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_champion_reading_a_campaign_learns_no_organisations_small_count()
    {
        for (var i = 0; i < SmallOrganisations.Length; i++)
        {
            for (var n = 0; n <= i; n++)
            {
                var accepted = await _host.Champion(SmallOrganisations[i]).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(SmallOrganisations[i]));
                Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
            }
        }

        // The admin running the campaign sees the raw counts once the responses are released.
        var admin = await Eventually.Returns(
            () => _host.GetJsonAsync(_host.Admin(), $"/api/campaigns/{SurveysHost.DemoCampaign}"),
            details => details["responses"]!.GetValue<int>() == 10,
            TimeSpan.FromSeconds(30),
            because: "the ten responses are released");
        var raw = admin["organisations"]!.AsArray().ToDictionary(o => o!["organisationCode"]!.GetValue<string>(), o => o!["responses"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4], SmallOrganisations.Select(o => raw[o]));

        foreach (var role in new[] { "champion", "policy-analyst", "org-editor", "reviewer" })
        {
            var seen = await _host.GetJsonAsync(_host.As(role, SmallOrganisations[0]), $"/api/campaigns/{SurveysHost.DemoCampaign}");
            var organisations = seen["organisations"]!.AsArray();
            Assert.Equal(raw.Count, organisations.Count);
            Assert.All(organisations, o =>
            {
                Assert.Null(o!["responses"]);
                Assert.Null(o["responseRate"]);
            });

            // The total is Scotland's as the feeds disclose it: 10 is shown (national counts are not rounded under
            // nhsbsa-5), and its rate is a whole number computed from it.
            Assert.Equal(10, seen["responses"]!["value"]!.GetValue<double>());
            var headcount = seen["eligibleHeadcount"]!.GetValue<int>();
            Assert.Equal(Math.Round(1000.0 / headcount, MidpointRounding.AwayFromZero), seen["responseRate"]!["value"]!.GetValue<double>());
            Assert.Equal("nhsbsa-5", seen["disclosurePolicy"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_total_below_the_threshold_is_suppressed_for_everyone_but_the_admin()
    {
        var campaign = await NewCampaignAsync();
        var accepted = await _host.Champion("S08000015").PostAsJsonAsync(SurveysHost.ResponsesOf(campaign), SurveysHost.PulseAnswers("S08000015"));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        await Eventually.Returns(
            () => _host.GetJsonAsync(_host.Admin(), $"/api/campaigns/{campaign}"),
            details => details["responses"]!.GetValue<int>() == 1,
            TimeSpan.FromSeconds(30),
            because: "the response is released");

        var seen = await _host.GetJsonAsync(_host.As("champion", "S08000015"), $"/api/campaigns/{campaign}");
        Assert.Null(seen["responses"]!["value"]?.GetValue<double?>());
        Assert.Equal("c", seen["responses"]!["qualifier"]!.GetValue<string>());
        Assert.Equal("c", seen["responseRate"]!["qualifier"]!.GetValue<string>());
    }

    private async Task<Guid> NewCampaignAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await _host.Admin().PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), new
        {
            title = "Attack: a campaign with one response",
            instrumentId = SurveysHost.PulseInstrument,
            instrumentVersion = 1,
            opensAt = now.AddSeconds(1),
            closesAt = now.AddDays(1),
            organisations = new[] { new { organisationCode = "S08000015", eligibleHeadcount = 100 } },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
        await Eventually.Returns(
            () => _host.GetJsonAsync(_host.Admin(), $"/api/campaigns/{id}"),
            details => details["status"]!.GetValue<string>() == "Open",
            TimeSpan.FromSeconds(30),
            because: "the scheduler announces the opening");
        return id;
    }
}
