using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// Commands racing on one case study, on two instances of the service: the row lock lets exactly one of each race
/// win, so there are never two public or two open editions, and each publication is one event in the outbox.
/// </summary>
public sealed class ConcurrentCommandsTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private CaseStudiesHost _first = null!;
    private CaseStudiesHost _second = null!;

    public async Task InitializeAsync()
    {
        var identity = new TestInfrastructure.Identity.TestIdentity();
        _first = await CaseStudiesHost.StartAsync(servers, identity: identity);
        _second = await CaseStudiesHost.StartAsync(servers, identity: identity);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Racing_publishes_and_redrafts_leave_one_public_and_one_open_edition()
    {
        for (var round = 0; round < 5; round++)
        {
            var (id, _) = await _first.CreateAsync();
            await CaseStudiesHost.MustAsync(_first.Author(), id, 1, "submit");
            await CaseStudiesHost.MustAsync(_first.Reviewer(), id, 1, "approve");

            var publishes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                CaseStudiesHost.CommandAsync((i % 2 == 0 ? _first : _second).Reviewer($"reviewer-{i}"), id, 1, i % 3 == 0 ? "force-publish" : "publish", new { reason = "race" })));
            Assert.Single(publishes, r => (int)r.StatusCode == 200);
            Assert.All(publishes.Where(r => (int)r.StatusCode != 200), r => Assert.Equal(409, (int)r.StatusCode));

            var redrafts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                CaseStudiesHost.CommandAsync((i % 2 == 0 ? _first : _second).Author(), id, 1, "redraft")));
            Assert.Single(redrafts, r => (int)r.StatusCode == 200);

            Assert.Equal(1, await _first.ScalarAsync($"SELECT count(*) FROM editions WHERE case_study_id = '{id}' AND state IN ('Published', 'Withdrawn')"));
            Assert.Equal(1, await _first.ScalarAsync($"SELECT count(*) FROM editions WHERE case_study_id = '{id}' AND state = 'Draft'"));
            Assert.Equal(1, await _first.ScalarAsync($"SELECT count(*) FROM transitions WHERE case_study_id = '{id}' AND command IN ('publish', 'force-publish')"));
        }
    }
}
