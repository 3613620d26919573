using System.Net;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// Searches beyond those running at once wait their turn, oldest first; one more than the queue holds is a 503
/// problem with Retry-After, never a 500 or a timeout. Nothing else in the service is held back by them.
/// </summary>
public sealed class SearchConcurrencyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000024";
    private const int Readers = 48;
    private const string PeerSupport = "Peer support huddles after difficult shifts";
    private GoodPracticeHost _host = null!;
    private Guid _practice;

    public async Task InitializeAsync()
    {
        // One search at a time and one waiting: a burst of readers must overflow the queue.
        _host = await GoodPracticeHost.StartAsync(servers, new Dictionary<string, string?>
        {
            ["Search:ConcurrentSearches"] = "1",
            ["Search:QueuedSearches"] = "1",
        });
        _practice = await _host.ShareAsync(Organisation, GoodPracticeHost.Practice(PeerSupport));
        await _host.ShareAsync(Organisation, GoodPracticeHost.Practice("Protected learning time for ward teams"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_burst_beyond_the_queue_is_answered_503_with_retry_after_and_the_rest_find_the_practice()
    {
        var client = _host.Anonymous();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var response = await client.GetAsync(new Uri("/api/practices?q=peer support huddles", UriKind.Relative));
            return (response.StatusCode, response.Headers.RetryAfter, response.Content.Headers.ContentType?.MediaType, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(readers);

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        var answered = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.NotEmpty(refused);
        Assert.True(answered.Count >= 2, $"only {answered.Count} of {Readers} searches were answered");
        Assert.All(refused, r =>
        {
            Assert.Equal("application/problem+json", r.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), r.RetryAfter?.Delta);
            Assert.Equal(503, JsonNode.Parse(r.Body)!["status"]!.GetValue<int>());
        });
        // Each test shares its practices again into the class's database, so the title, not the id, says which was found.
        Assert.All(answered, r => Assert.Equal(PeerSupport, JsonNode.Parse(r.Body)!["items"]![0]!["title"]!.GetValue<string>()));

        // Once the burst has passed, search answers again, and reading a practice never waited for a search permit.
        var after = await client.GetAsync(new Uri("/api/practices?q=peer support huddles", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var read = await client.GetAsync(new Uri($"/api/practices/{_practice}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Readers_within_the_queue_all_wait_their_turn_and_get_the_same_answer()
    {
        var client = _host.Anonymous();
        var sequential = await client.GetStringAsync(new Uri("/api/practices?q=learning time&limit=1", UriKind.Relative));
        var expected = JsonNode.Parse(sequential)!["items"]![0]!["id"]!.GetValue<Guid>();
        // Two readers: one runs, one waits; neither is refused.
        for (var round = 0; round < 10; round++)
        {
            var pair = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.GetAsync(new Uri("/api/practices?q=learning time&limit=1", UriKind.Relative))));
            foreach (var response in pair)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]![0]!["id"]!.GetValue<Guid>());
            }
        }
    }
}
