using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// The whole life of a campaign on the real servers, through HTTP with real tokens, on a clock the test moves:
/// publish an instrument version, schedule a campaign, let it open, collect responses from three organisations,
/// let it close; the three kinds of event arrive on the bus in order and the response rates are right.
/// </summary>
public sealed class CampaignLifecycleTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Ayrshire = "S08000015";
    private const string Borders = "S08000016";
    private const string Fife = "S08000029";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private SurveysHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers, _clock);
        _events = await new EventRecorder(_host.EventBus).Record<CampaignOpened>().Record<InsightSubmitted>().Record<CampaignClosed>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_campaign_opens_and_closes_on_the_clock_publishes_its_events_in_order_and_reports_response_rates()
    {
        var admin = _host.Admin();
        var instrument = await CreatedAsync(admin, "/api/instruments", new { title = "Lifecycle pulse" });
        var instrumentId = instrument["id"]!.GetValue<Guid>();
        await CreatedAsync(admin, $"/api/instruments/{instrumentId}/versions", new
        {
            items = new object[]
            {
                new { id = "valued", text = "I feel valued for the work I do", kind = "Likert", pillar = "Employ", outcomeCodes = new[] { "EMPLOY-S1" }, required = true },
                new { id = "recommend", text = "Would you recommend your workplace?", kind = "Scale", pillar = "Attract", outcomeCodes = new[] { "ATTRACT-S3" } },
            },
        });

        var start = _clock.GetUtcNow();
        var campaign = await CreatedAsync(admin, "/api/campaigns", new
        {
            title = "Spring pulse",
            instrumentId,
            instrumentVersion = 1,
            opensAt = start.AddHours(1),
            closesAt = start.AddDays(14),
            organisations = new[]
            {
                new { organisationCode = Ayrshire, eligibleHeadcount = 10 },
                new { organisationCode = Borders, eligibleHeadcount = 20 },
                new { organisationCode = "S08000018", eligibleHeadcount = 4 }, // NHS Fife's old code, mapped to S08000029
            },
        });
        var campaignId = campaign["id"]!.GetValue<Guid>();
        Assert.Equal("Scheduled", campaign["status"]!.GetValue<string>());

        var early = await _host.Champion(Ayrshire).PostAsJsonAsync(SurveysHost.ResponsesOf(campaignId), Answer(Ayrshire));
        await AssertCampaignNotOpenAsync(early);

        _clock.Advance(TimeSpan.FromHours(1));
        await WaitForStatusAsync(campaignId, "Open");
        var opened = (await _events.WaitForAsync<CampaignOpened>(e => e.Any(o => o.CampaignId == campaignId))).Single(o => o.CampaignId == campaignId);
        Assert.Equal([(Ayrshire, 10), (Borders, 20), (Fife, 4)], opened.Organisations.Select(o => (o.OrganisationCode, o.Headcount)).Order());

        foreach (var (organisation, responses) in new[] { (Ayrshire, 2), (Borders, 5), (Fife, 1) })
        {
            for (var i = 0; i < responses; i++)
            {
                var accepted = await _host.Champion(organisation).PostAsJsonAsync(SurveysHost.ResponsesOf(campaignId), Answer(organisation));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }
        }

        // The responses wait sealed until a release or the close; the close releases them before CampaignClosed.
        var sealedBeforeClose = await _host.CountsAsync();
        Assert.True(sealedBeforeClose.Intake >= 8, $"8 responses should wait in the intake, but {sealedBeforeClose} is stored");
        _clock.Advance(TimeSpan.FromDays(14));
        await WaitForStatusAsync(campaignId, "Closed");
        var closed = (await _events.WaitForAsync<CampaignClosed>(e => e.Any(c => c.CampaignId == campaignId))).Single(c => c.CampaignId == campaignId);
        Assert.Equal(3, closed.Organisations.Count);

        var stored = await _host.CountsAsync();
        Assert.Equal(0, stored.Intake);
        var late = await _host.Champion(Borders).PostAsJsonAsync(SurveysHost.ResponsesOf(campaignId), Answer(Borders));
        await AssertCampaignNotOpenAsync(late);
        Assert.Equal(stored, await _host.CountsAsync());

        var ofCampaign = _events.All.Where(e => e switch
        {
            CampaignOpened o => o.CampaignId == campaignId,
            InsightSubmitted s => s.CampaignId == campaignId,
            CampaignClosed c => c.CampaignId == campaignId,
            _ => false,
        }).ToList();
        Assert.Equal(10, ofCampaign.Count);
        Assert.IsType<CampaignOpened>(ofCampaign[0]);
        Assert.IsType<CampaignClosed>(ofCampaign[^1]);
        Assert.All(ofCampaign.Skip(1).SkipLast(1), e => Assert.IsType<InsightSubmitted>(e));

        var details = await _host.GetJsonAsync(admin, $"/api/campaigns/{campaignId}");
        Assert.Equal(8, details["responses"]!.GetValue<int>());
        var rates = details["organisations"]!.AsArray().ToDictionary(o => o!["organisationCode"]!.GetValue<string>(), o => o!["responseRate"]!.GetValue<double>());
        Assert.Equal(20.0, rates[Ayrshire]);
        Assert.Equal(25.0, rates[Borders]);
        Assert.Equal(25.0, rates[Fife]);
    }

    [Fact]
    public async Task Campaigns_can_be_listed_by_status()
    {
        var analyst = _host.As("policy-analyst");
        var open = await _host.GetJsonAsync(analyst, "/api/campaigns?status=open");
        Assert.Contains(open.AsArray(), c => c!["id"]!.GetValue<Guid>() == SurveysHost.DemoCampaign);
        Assert.All(open.AsArray(), c => Assert.Equal("Open", c!["status"]!.GetValue<string>()));

        var closed = await _host.GetJsonAsync(analyst, "/api/campaigns?status=closed");
        Assert.DoesNotContain(closed.AsArray(), c => c!["id"]!.GetValue<Guid>() == SurveysHost.DemoCampaign);

        var bad = await analyst.GetAsync(new Uri("/api/campaigns?status=someday", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["status"]);
    }

    private static object Answer(string organisation) => new
    {
        organisationCode = organisation,
        answers = new object[] { new { itemId = "valued", value = 4 }, new { itemId = "recommend", value = 8 } },
    };

    private async Task WaitForStatusAsync(Guid campaignId, string status) =>
        await TestInfrastructure.Hosting.Eventually.Returns(
            async () => (await _host.GetJsonAsync(_host.Admin(), $"/api/campaigns/{campaignId}"))["status"]!.GetValue<string>(),
            s => s == status,
            because: $"for the campaign to be {status}");

    private static async Task AssertCampaignNotOpenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.EndsWith("campaign-not-open", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var json = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json;
    }
}
