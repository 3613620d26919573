using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Surveys.Responses;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// Once a replica has read a campaign, a submission is judged against that copy and written in one statement that
/// confirms the copy is still the campaign's row. These tests make the copy stale, and race a champion against
/// themself, on the real PostgreSQL.
/// </summary>
public sealed class KnownCampaignSubmissionTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private SurveysHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers);
        // The first submission reads the campaign, so every later one takes the one-statement path.
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync($"warm-{Guid.NewGuid():N}")).StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Two_hundred_submissions_on_the_known_campaign_are_each_accepted_and_counted_once()
    {
        var before = await _host.CountsAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => SubmitAsync($"many-{i}-{Guid.NewGuid():N}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var after = await _host.ReleasedAsync();
        Assert.Equal((before.Accepted + 200, before.Ledger + 200), (after.Accepted, after.Ledger));
    }

    [Fact]
    public async Task A_campaign_another_replica_has_closed_takes_no_response_though_this_replicas_copy_says_open()
    {
        var before = await _host.ReleasedAsync();
        // As another replica's scheduler, whose clock runs ahead of this one's, would close it. Its window is still
        // open by this replica's clock, so only the row's version can tell this replica the campaign has closed.
        await _host.RowsAsync($"UPDATE campaigns SET closing_announced = true WHERE id = '{SurveysHost.DemoCampaign}'");
        try
        {
            var late = await SubmitAsync($"late-{Guid.NewGuid():N}");

            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            var problem = await late.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(ResponsesApi.CampaignNotOpenType, problem!["type"]!.GetValue<string>());
            Assert.Equal(before, await _host.CountsAsync());
        }
        finally
        {
            // The class's other tests share the database.
            await _host.RowsAsync($"UPDATE campaigns SET closing_announced = false WHERE id = '{SurveysHost.DemoCampaign}'");
        }
    }

    [Fact]
    public async Task The_same_champion_submitting_six_times_at_once_is_accepted_once_and_told_so_five_times()
    {
        var subject = $"race-{Guid.NewGuid():N}";
        var before = await _host.ReleasedAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(subject)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Accepted))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(ResponsesApi.AlreadyAnsweredType, problem!["type"]!.GetValue<string>());
        }

        var after = await _host.ReleasedAsync();
        Assert.Equal((before.Responses + 1, before.Ledger + 1), (after.Responses, after.Ledger));
    }

    private Task<HttpResponseMessage> SubmitAsync(string subject) =>
        _host.Champion(Organisation, subject).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation));
}
