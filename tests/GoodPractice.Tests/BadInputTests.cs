using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>Bad input is a 4xx problem naming the field, a huge body a 413, and nothing is ever a 500.</summary>
public sealed class BadInputTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string A = "S08000015";
    private GoodPracticeHost _host = null!;
    private Guid _practice;

    public async Task InitializeAsync()
    {
        _host = await GoodPracticeHost.StartAsync(servers);
        _practice = await _host.ShareAsync("S08000024");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> PracticeFields => new()
    {
        { """{"title":null}""", "title" },
        { """{"title":"   "}""", "title" },
        { $$"""{"title":"{{new string('t', 201)}}"}""", "title" },
        { """{"summary":null}""", "summary" },
        { """{"body":null}""", "body" },
        { $$"""{"body":"{{new string('b', 50_001)}}"}""", "body" },
        { """{"pillars":["Wellbeing"]}""", "pillars[0]" },
        { """{"pillars":[],"outcomeCodes":[]}""", "pillars" },
        { """{"outcomeCodes":["NURTURE-S9"]}""", "outcomeCodes[0]" },
        { """{"outcomeCodes":["TRAIN-S1","nonsense"]}""", "outcomeCodes[1]" },
        { """{"tags":["<b>bold</b>"]}""", "tags[0]" },
        { $$"""{"tags":[{{string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\""))}}]}""", "tags" },
        { """{"organisationCode":"S99999999"}""", "organisationCode" },
        { """{"organisationCode":"S92000003"}""", "organisationCode" },
        { """{"contact":{"name":"Ann","email":"not-an-email"}}""", "contact.email" },
        { """{"links":[{"title":"x","url":"javascript:alert(1)"}]}""", "links[0].url" },
        { """{"links":[{"title":"","url":"https://example.org"}]}""", "links[0].title" },
        { """{"title":42}""", "title" },
        { """{"isPublic":"yes"}""", "isPublic" },
        { """{"pillars":"Train"}""", "pillars" },
    };

    [Theory]
    [MemberData(nameof(PracticeFields))]
    public async Task A_bad_practice_field_is_a_400_naming_it(string overrides, string field)
    {
        var body = GoodPracticeHost.Practice();
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var created = await _host.Editor(A).PostAsync(new Uri("/api/practices", UriKind.Relative), Json(body.ToJsonString()));
        await AssertNamesAsync(created, field);
        var edited = await _host.Admin().PutAsync(new Uri($"/api/practices/{_practice}", UriKind.Relative), Json(body.ToJsonString()));
        await AssertNamesAsync(edited, field);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _host.Editor(A).PostAsync(new Uri("/api/practices", UriKind.Relative), Json("{\"title\": "));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_huge_body_is_a_413_problem_and_nothing_is_stored()
    {
        var before = await _host.ScalarAsync("SELECT count(*) FROM practices");
        var huge = GoodPracticeHost.Practice(change: p => p["body"] = new string('x', 2 * 1024 * 1024));
        var response = await _host.Editor(A).PostAsync(new Uri("/api/practices", UriKind.Relative), Json(huge.ToJsonString()));
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await _host.ScalarAsync("SELECT count(*) FROM practices"));
    }

    public static TheoryData<string, string> SearchParameters => new()
    {
        { "pillar=Wellbeing", "pillar" },
        { "outcome=PLAN-S9", "outcome" },
        { "organisation=S99999999", "organisation" },
        { "area=nowhere", "area" },
        { "tag=%3Cscript%3E", "tag" },
        { "sort=popular", "sort" },
        { "sort=relevance", "sort" },
        { "sort=1", "sort" },
        { "limit=0", "limit" },
        { "limit=51", "limit" },
        { "limit=ten", "limit" },
        { "cursor=not-a-cursor", "cursor" },
        { "cursor=eyJ4IjoxfQ", "cursor" },
        { $"q={new string('q', 201)}", "q" },
    };

    [Theory]
    [MemberData(nameof(SearchParameters))]
    public async Task A_bad_search_parameter_is_a_400_naming_it(string query, string field) =>
        await AssertNamesAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices?{query}", UriKind.Relative)), field);

    [Fact]
    public async Task A_cursor_from_another_search_is_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await _host.ShareAsync(A);
        }

        var page = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri("/api/practices?limit=1", UriKind.Relative)));
        var cursor = page["nextCursor"]!.GetValue<string>();
        await AssertNamesAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices?limit=1&pillar=Plan&cursor={cursor}", UriKind.Relative)), "cursor");
        await AssertNamesAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices?limit=1&sort=adopted&cursor={cursor}", UriKind.Relative)), "cursor");
    }

    public static TheoryData<string, string> AdoptionFields => new()
    {
        { $$"""{"note":"{{new string('n', 2001)}}"}""", "note" },
        { """{"adoptedOn":"2999-01-01"}""", "adoptedOn" },
        { """{"adoptedOn":"last week"}""", "adoptedOn" },
        { """{"organisationCode":"XX"}""", "organisationCode" },
    };

    [Theory]
    [MemberData(nameof(AdoptionFields))]
    public async Task A_bad_adoption_field_is_a_400_naming_it(string body, string field) =>
        await AssertNamesAsync(await _host.Editor(A).PostAsync(new Uri($"/api/practices/{_practice}/adoptions", UriKind.Relative), Json(body)), field);

    [Fact]
    public async Task An_admin_must_name_the_adopting_and_sharing_organisation()
    {
        await AssertNamesAsync(await _host.Admin().PostAsync(new Uri($"/api/practices/{_practice}/adoptions", UriKind.Relative), Json("{}")), "organisationCode");
        await AssertNamesAsync(await _host.Admin().PostAsync(new Uri($"/api/practices/{_practice}/endorsements", UriKind.Relative), Json("{}")), "organisationCode");
        await AssertNamesAsync(await _host.Admin().PostAsJsonAsync(new Uri("/api/practices", UriKind.Relative), GoodPracticeHost.Practice()), "organisationCode");
    }

    [Fact]
    public async Task Other_bad_questions_name_their_parameter()
    {
        await AssertNamesAsync(await _host.Champion(A).GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine?like=size", UriKind.Relative)), "like");
        await AssertNamesAsync(await _host.Champion(A).GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine?organisation=S99", UriKind.Relative)), "organisation");
        await AssertNamesAsync(await _host.Admin().GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine", UriKind.Relative)), "organisation");
        await AssertNamesAsync(await _host.Champion(A).GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine?organisation=NB-NES&like=board", UriKind.Relative)), "like");
        await AssertNamesAsync(await _host.Anonymous().GetAsync(new Uri("/api/feeds/practices/pillars/Wellbeing.atom", UriKind.Relative)), "pillar");
        await AssertNamesAsync(await _host.Anonymous().GetAsync(new Uri("/api/feeds/practices/areas/nowhere.atom", UriKind.Relative)), "area");
    }

    [Fact]
    public async Task Moving_a_practice_to_another_organisation_or_editing_a_stale_version_is_refused()
    {
        var id = await _host.ShareAsync(A);
        await AssertNamesAsync(await _host.Admin().PutAsJsonAsync(new Uri($"/api/practices/{id}", UriKind.Relative), GoodPracticeHost.Practice(change: p => p["organisationCode"] = "S08000024")), "organisationCode");

        Assert.Equal(200, (int)(await _host.Editor(A).PutAsJsonAsync(new Uri($"/api/practices/{id}", UriKind.Relative), GoodPracticeHost.Practice("Second", p => p["expectedVersion"] = 1))).StatusCode);
        var stale = await _host.Editor(A).PutAsJsonAsync(new Uri($"/api/practices/{id}", UriKind.Relative), GoodPracticeHost.Practice("Overwrites", p => p["expectedVersion"] = 1));
        Assert.Equal(409, (int)stale.StatusCode);
        var stored = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices/{id}", UriKind.Relative)));
        Assert.Equal("Second", stored["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_practices_are_404_problems()
    {
        var unknown = Guid.NewGuid();
        foreach (var response in new[]
        {
            await _host.Anonymous().GetAsync(new Uri($"/api/practices/{unknown}", UriKind.Relative)),
            await _host.Champion(A).GetAsync(new Uri($"/api/practices/{unknown}/history", UriKind.Relative)),
            await _host.Champion(A).GetAsync(new Uri($"/api/practices/{unknown}/similar", UriKind.Relative)),
            await _host.Editor(A).PutAsJsonAsync(new Uri($"/api/practices/{unknown}", UriKind.Relative), GoodPracticeHost.Practice()),
            await _host.Editor(A).PostAsJsonAsync(new Uri($"/api/practices/{unknown}/adoptions", UriKind.Relative), new { }),
            await _host.Editor(A).PostAsJsonAsync(new Uri($"/api/practices/{unknown}/endorsements", UriKind.Relative), new { }),
        })
        {
            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"expected 400 naming {field}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected the problem to name {field}: {text}");
    }
}
