using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// A search that a page's worth of practices answers with every word comes in tiers: both words in the title, then
/// in the summary, then only in the body, then one word alone. Paging goes through every practice once, tier after
/// tier, in falling score. Search reads a narrow copy of each practice that a trigger keeps: an edit, a practice made
/// private and an adoption show in the next search.
/// </summary>
public sealed class TieredSearchTests(TieredSearchTests.Corpus corpus) : IClassFixture<TieredSearchTests.Corpus>
{
    private const string Organisation = "S08000015";
    private const int PerTier = 12;

    private readonly GoodPracticeHost _host = corpus.Host;

    public enum Tier
    {
        Title,
        Summary,
        Body,
        OneWord,
    }

    public sealed class Corpus : IAsyncLifetime
    {
        private readonly IsolatedServers _servers = new();

        public GoodPracticeHost Host { get; private set; } = null!;

        public Dictionary<Guid, Tier> Tiers { get; } = [];

        public async Task InitializeAsync()
        {
            await _servers.InitializeAsync();
            Host = await GoodPracticeHost.StartAsync(_servers);
            for (var i = 0; i < PerTier; i++)
            {
                var group = Group(i);
                Tiers[await ShareAsync($"Lantern harbour walks, group {group}", "Walks for teams.", "Nothing else.")] = Tier.Title;
                Tiers[await ShareAsync($"Evening walks, group {group}", "A lantern harbour route for teams.", "Nothing else.")] = Tier.Summary;
                Tiers[await ShareAsync($"Evening walks, set {group}", "Walks for teams.", "The route passes the lantern harbour.")] = Tier.Body;
                Tiers[await ShareAsync($"Lantern walks, group {group}", "Walks for teams.", "Nothing else.")] = Tier.OneWord;
            }
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await _servers.DisposeAsync();
        }

        private Task<Guid> ShareAsync(string title, string summary, string body) =>
            Host.ShareAsync(Organisation, GoodPracticeHost.Practice(title, p =>
            {
                p["summary"] = summary;
                p["body"] = body;
                p["tags"] = new JsonArray();
            }));
    }

    [Fact]
    public async Task Pages_go_through_every_practice_once_title_matches_first_then_summary_then_body_then_one_word()
    {
        var items = await PageThroughAsync("lantern harbour");
        var seen = items.Select(i => i["id"]!.GetValue<Guid>()).ToList();
        var scores = items.Select(i => i["score"]!.GetValue<double>()).ToList();

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(corpus.Tiers.Keys.Order(), seen.Order());
        var tiers = seen.Select(id => corpus.Tiers[id]).ToList();
        Assert.Equal(tiers.Order(), tiers);
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task A_summary_match_quotes_the_summary_and_a_body_match_quotes_the_body()
    {
        var snippets = (await PageThroughAsync("lantern harbour")).ToDictionary(i => i["id"]!.GetValue<Guid>(), i => i["snippetHtml"]!.GetValue<string>());

        Assert.All(corpus.Tiers.Where(t => t.Value == Tier.Summary), t => Assert.Contains("<mark>lantern</mark> <mark>harbour</mark> route", snippets[t.Key], StringComparison.Ordinal));
        Assert.All(corpus.Tiers.Where(t => t.Value == Tier.Body), t => Assert.Contains("passes the <mark>lantern</mark> <mark>harbour</mark>", snippets[t.Key], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_follows_an_edit_a_practice_made_private_and_an_adoption()
    {
        var id = await _host.ShareAsync(Organisation, GoodPracticeHost.Practice("Kingfisher quay rounds", p => p["tags"] = new JsonArray()));
        Assert.Contains(id, await IdsAsync("kingfisher quay", member: false));

        var edited = await _host.Editor(Organisation).PutAsJsonAsync(
            new Uri($"/api/practices/{id}", UriKind.Relative),
            GoodPracticeHost.Practice("Heron wharf rounds", p => { p["tags"] = new JsonArray(); p["expectedVersion"] = 1; }));
        Assert.Equal(200, (int)edited.StatusCode);
        Assert.DoesNotContain(id, await IdsAsync("kingfisher quay", member: false));
        Assert.Contains(id, await IdsAsync("heron wharf", member: false));

        var hidden = await _host.Editor(Organisation).PutAsJsonAsync(
            new Uri($"/api/practices/{id}", UriKind.Relative),
            GoodPracticeHost.Practice("Heron wharf rounds", p => { p["tags"] = new JsonArray(); p["expectedVersion"] = 2; p["isPublic"] = false; }));
        Assert.Equal(200, (int)hidden.StatusCode);
        Assert.DoesNotContain(id, await IdsAsync("heron wharf", member: false));
        Assert.Contains(id, await IdsAsync("heron wharf", member: true));

        var adopted = await _host.Editor("S08000024").PostAsJsonAsync(new Uri($"/api/practices/{id}/adoptions", UriKind.Relative), new JsonObject());
        Assert.True(adopted.IsSuccessStatusCode, $"adopting answered {(int)adopted.StatusCode}");
        var mostAdopted = await GoodPracticeHost.ReadJsonAsync(await _host.Champion("S08000024").GetAsync(new Uri("/api/practices?sort=adopted&limit=1", UriKind.Relative)));
        Assert.Equal(id, mostAdopted["items"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal(1, mostAdopted["items"]![0]!["adoptionCount"]!.GetValue<int>());
    }

    private async Task<List<JsonNode>> PageThroughAsync(string words)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var query = $"/api/practices?q={Uri.EscapeDataString(words)}&limit=10" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await GoodPracticeHost.ReadJsonAsync(await _host.Champion("S08000024").GetAsync(new Uri(query, UriKind.Relative)));
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && items.Count < 500);

        return items;
    }

    private async Task<List<Guid>> IdsAsync(string words, bool member)
    {
        var client = member ? _host.Champion("S08000024") : _host.Anonymous();
        var page = await GoodPracticeHost.ReadJsonAsync(await client.GetAsync(new Uri($"/api/practices?q={Uri.EscapeDataString(words)}&limit=50", UriKind.Relative)));
        return page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
    }

    // Words, not digits: the groups must not share a word with the query.
    private static string Group(int i) => string.Concat(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
}
