using ChampionNetwork.Surveys.Responses;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChampionNetwork.Surveys.Tests.Honesty;

/// <summary>
/// A campaign opens when the scheduler announces it (CampaignOpened in the outbox), not when the clock passes its
/// opening time: every InsightSubmitted must follow its CampaignOpened. The requests' clock is moved past OpensAt
/// while the scheduler's clock lags behind, as it does between two of its runs: responses are refused until the
/// announcement, and accepted after it.
/// </summary>
public sealed class OpeningAnnouncementTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Ayrshire = "S08000015";

    private readonly FakeTimeProvider _requestClock = new(DateTimeOffset.UtcNow);
    private FakeTimeProvider _schedulerClock = null!;
    private readonly TestIdentity _identity = new();
    private ServiceUnderTest<Program> _surveys = null!;

    public async Task InitializeAsync()
    {
        _schedulerClock = new FakeTimeProvider(_requestClock.GetUtcNow());
        _surveys = new ServiceUnderTest<Program>(
            ServiceSettings.Surveys(servers.RabbitMqUri, await servers.DatabaseAsync("surveysdb"), _identity),
            services =>
            {
                services.AddSingleton<TimeProvider>(_requestClock);
                services.AddSingleton(provider => new CampaignScheduler(
                    provider.GetRequiredService<IServiceScopeFactory>(),
                    provider.GetRequiredService<ResponseRelease>(),
                    _schedulerClock,
                    provider.GetRequiredService<ILogger<CampaignScheduler>>()));
            });
        _surveys.Start();
        await _surveys.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync() => await _surveys.DisposeAsync();

    [Fact]
    public async Task Responses_are_refused_after_the_opening_time_until_the_opening_is_announced()
    {
        var admin = _surveys.ClientWithToken(_identity.Admin());
        var start = _requestClock.GetUtcNow();
        var created = await admin.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), new
        {
            title = "Opening honesty",
            instrumentId = SurveysHost.PulseInstrument,
            instrumentVersion = 1,
            opensAt = start.AddHours(1),
            closesAt = start.AddDays(14),
            organisations = new[] { new { organisationCode = Ayrshire, eligibleHeadcount = 10 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();

        // The requests' clock is past OpensAt; the scheduler has not run since: not announced, so not open.
        _requestClock.Advance(TimeSpan.FromHours(2));
        var champion = _surveys.ClientWithToken(_identity.Champion(Ayrshire));
        var early = await champion.PostAsJsonAsync(SurveysHost.ResponsesOf(campaign), SurveysHost.PulseAnswers(Ayrshire));
        var problem = await early.Content.ReadFromJsonAsync<JsonNode>();
        Assert.True(early.StatusCode == HttpStatusCode.Conflict, $"Before the opening was announced: {(int)early.StatusCode} {problem?.ToJsonString()}");
        Assert.Equal("https://championnetwork.scot/problems/campaign-not-open", problem!["type"]!.GetValue<string>());
        Assert.Equal("Scheduled", await StatusAsync(admin, campaign));

        // The scheduler's clock catches up: it announces the opening, and the same response is accepted.
        _schedulerClock.Advance(TimeSpan.FromHours(2));
        await Eventually.Returns(() => StatusAsync(admin, campaign), s => s == "Open", because: "for the scheduler to announce the opening");
        var accepted = await champion.PostAsJsonAsync(SurveysHost.ResponsesOf(campaign), SurveysHost.PulseAnswers(Ayrshire));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static async Task<string> StatusAsync(HttpClient admin, Guid campaign) =>
        (await admin.GetFromJsonAsync<JsonNode>(new Uri($"/api/campaigns/{campaign}", UriKind.Relative)))!["status"]!.GetValue<string>();
}
