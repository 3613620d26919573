using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// A search's answer is kept and reused, and never outlives a change to the practices: not one made here, not one
/// made by another replica or straight in PostgreSQL. A member's answer is never given to a reader who is not one.
/// </summary>
public sealed class SearchAnswersTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Sharer = "S08000024";
    private const string Adopter = "S37000007";
    private GoodPracticeHost _host = null!;

    public async Task InitializeAsync() => _host = await GoodPracticeHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_answer_is_reused_until_a_change_through_the_api_retires_it()
    {
        var practice = await _host.ShareAsync(Sharer, GoodPracticeHost.Practice("Listening circles for night porters"));
        const string search = "/api/practices?q=listening circles porters";
        var shown = await TopTitleAsync(_host.Anonymous(), search);
        Assert.Equal("Listening circles for night porters", shown);

        // Renamed with triggers off (as a replica applying changes would), so no notice is sent: a kept answer still
        // names the practice as it was, which only a reused answer can. Until the service is listening for changes
        // (a moment after it starts) nothing is kept, so each try renames again and asks again.
        var reused = false;
        for (var attempt = 1; attempt <= 20 && !reused; attempt++)
        {
            await RenameSilentlyAsync(practice, $"Listening circles for night porters, draft {attempt}");
            var again = await TopTitleAsync(_host.Anonymous(), search);
            reused = again == shown;
            shown = again;
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(reused, "every search was computed again: no answer was kept");
        var renamed = await _host.StringsAsync($"SELECT title FROM practices WHERE id = '{practice}'");

        // An adoption through the API changes the practice: the next search, at once, is computed again.
        var adopted = await _host.Editor(Adopter).PostAsJsonAsync(new Uri($"/api/practices/{practice}/adoptions", UriKind.Relative), new { note = "On two sites" });
        Assert.Equal(201, (int)adopted.StatusCode);
        var top = await TopAsync(_host.Anonymous(), search);
        Assert.Equal(renamed.Single(), top["title"]!.GetValue<string>());
        Assert.Equal(1, top["adoptionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_practice_shared_here_is_found_by_the_very_next_search()
    {
        const string search = "/api/practices?q=allotment gardening staff";
        var before = await _host.Anonymous().GetFromJsonAsync<JsonNode>(new Uri(search, UriKind.Relative));
        Assert.Empty(before!["items"]!.AsArray());

        await _host.ShareAsync(Sharer, GoodPracticeHost.Practice("Allotment gardening for staff wellbeing"));
        Assert.Equal("Allotment gardening for staff wellbeing", await TopTitleAsync(_host.Anonymous(), search));
    }

    [Fact]
    public async Task A_change_written_elsewhere_retires_the_answers_here_within_moments()
    {
        var practice = await _host.ShareAsync(Sharer, GoodPracticeHost.Practice("Walking meetings for theatre teams"));
        const string search = "/api/practices?q=walking meetings theatre";
        Assert.Equal("Walking meetings for theatre teams", await TopTitleAsync(_host.Anonymous(), search));

        // Another replica, or an operator in psql: the statement trigger notifies every replica on commit.
        await _host.ScalarAsync($"UPDATE practices SET title = 'Walking meetings for theatre teams, everywhere' WHERE id = '{practice}'; SELECT 1");
        var clock = Stopwatch.StartNew();
        string title;
        do
        {
            title = await TopTitleAsync(_host.Anonymous(), search);
        }
        while (title != "Walking meetings for theatre teams, everywhere" && clock.Elapsed < TimeSpan.FromSeconds(5));

        // Answers are kept for a minute at most; five seconds is the notice, not the expiry.
        Assert.Equal("Walking meetings for theatre teams, everywhere", title);
    }

    [Fact]
    public async Task A_member_s_answer_is_never_given_to_a_reader_who_is_not_a_member()
    {
        await _host.ShareAsync(Sharer, GoodPracticeHost.Practice("Quiet rooms for ambulance crews, members only", p => p["isPublic"] = false));
        await _host.ShareAsync(Sharer, GoodPracticeHost.Practice("Quiet rooms for ambulance crews"));
        const string search = "/api/practices?q=quiet rooms ambulance crews";

        // The member asks first, so an answer with the members-only practice is kept before the public reader asks.
        var member = await TitlesAsync(_host.Champion(Adopter), search);
        Assert.Contains("Quiet rooms for ambulance crews, members only", member);
        var anonymous = await TitlesAsync(_host.Anonymous(), search);
        Assert.Equal(["Quiet rooms for ambulance crews"], anonymous);

        // And the other way round: a public answer kept first does not hide the member's practice from a member.
        const string reversed = "/api/practices?q=ambulance crews quiet rooms";
        Assert.Equal(["Quiet rooms for ambulance crews"], await TitlesAsync(_host.Anonymous(), reversed));
        Assert.Contains("Quiet rooms for ambulance crews, members only", await TitlesAsync(_host.Champion(Adopter), reversed));
    }

    private async Task RenameSilentlyAsync(Guid practice, string title) =>
        await _host.ScalarAsync($"""
            BEGIN;
            SET LOCAL session_replication_role = replica;
            UPDATE practices SET title = '{title}' WHERE id = '{practice}';
            COMMIT;
            SELECT 1;
            """);

    private static async Task<JsonNode> TopAsync(HttpClient client, string search)
    {
        var page = await client.GetFromJsonAsync<JsonNode>(new Uri(search, UriKind.Relative));
        return page!["items"]![0]!;
    }

    private static async Task<string> TopTitleAsync(HttpClient client, string search) =>
        (await TopAsync(client, search))["title"]!.GetValue<string>();

    private static async Task<List<string>> TitlesAsync(HttpClient client, string search)
    {
        var page = await client.GetFromJsonAsync<JsonNode>(new Uri(search, UriKind.Relative));
        return page!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
    }
}
