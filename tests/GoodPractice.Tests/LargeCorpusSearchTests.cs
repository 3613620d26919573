using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>
/// Search in a corpus large enough that the candidates are narrowed before ranking. One practice has all three
/// words, 250 have two of the three and 30 only one: a three-word search takes those with at least two words,
/// pages through every one of them once, in falling score, and ranks the practice with all three first. A misspelt
/// word is corrected against the words the practices use; a word no practice uses, or resembles, is left alone.
/// </summary>
public sealed class LargeCorpusSearchTests(LargeCorpusSearchTests.Corpus corpus) : IClassFixture<LargeCorpusSearchTests.Corpus>
{
    private static readonly string[][] Pairs = [["lantern", "harbour"], ["lantern", "meadow"], ["harbour", "meadow"]];
    private const string Organisation = "S08000015";

    private readonly GoodPracticeHost _host = corpus.Host;

    /// <summary>Shared once per class: the tests only read it.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        private readonly IsolatedServers _servers = new();

        public GoodPracticeHost Host { get; private set; } = null!;

        public Guid AllThree { get; private set; }

        public HashSet<Guid> AtLeastTwo { get; } = [];

        public async Task InitializeAsync()
        {
            await _servers.InitializeAsync();
            Host = await GoodPracticeHost.StartAsync(_servers);
            AllThree = await ShareAsync("Lantern harbour meadow walks for night shift teams");
            AtLeastTwo.Add(AllThree);
            for (var i = 0; i < 250; i++)
            {
                var pair = Pairs[i % Pairs.Length];
                AtLeastTwo.Add(await ShareAsync($"{pair[0]} and {pair[1]} sessions, group {Group(i)}"));
            }

            for (var i = 0; i < 30; i++)
            {
                await ShareAsync($"{Pairs[i % Pairs.Length][0]} sessions only, group {Group(i)}");
            }
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await _servers.DisposeAsync();
        }

        private Task<Guid> ShareAsync(string title) =>
            Host.ShareAsync(Organisation, GoodPracticeHost.Practice(title, p =>
            {
                p["summary"] = "Shared for the search test.";
                p["body"] = "Nothing here but the title.";
                p["tags"] = new JsonArray();
            }));
    }

    [Theory]
    [InlineData("lantern harbour meadow")]
    [InlineData("lantren harbour medow")]
    public async Task A_three_word_search_pages_through_every_practice_with_two_of_the_words_once_with_all_three_first(string words)
    {
        var member = _host.Champion("S08000024");
        var seen = new List<Guid>();
        var scores = new List<double>();
        string? cursor = null;
        do
        {
            var query = $"/api/practices?q={Uri.EscapeDataString(words)}&limit=50" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await GoodPracticeHost.ReadJsonAsync(await member.GetAsync(new Uri(query, UriKind.Relative)));
            var items = page["items"]!.AsArray();
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<Guid>()));
            scores.AddRange(items.Select(i => i!["score"]!.GetValue<double>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && seen.Count < 1_000);

        Assert.Equal(corpus.AllThree, seen[0]);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(corpus.AtLeastTwo.OrderBy(g => g), seen.OrderBy(g => g));
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task A_word_that_no_practice_uses_or_resembles_finds_nothing_rather_than_something_unrelated()
    {
        var page = await GoodPracticeHost.ReadJsonAsync(await _host.Champion("S08000024").GetAsync(new Uri("/api/practices?q=xylophone", UriKind.Relative)));

        Assert.Empty(page["items"]!.AsArray());
    }

    // Words, not digits: digits are not words to the search, and the groups must not share a word with the query.
    private static string Group(int i) => string.Concat(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + d - '0')));
}
