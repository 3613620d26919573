using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>Over the demo corpus: adoptions show on the item; keyset pages cover every match once; feeds filter.</summary>
public sealed class CorpusTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    private readonly GoodPracticeHost _host = fixture.Host;
    private readonly DemoCorpus _corpus = fixture.Corpus;

    [Fact]
    public async Task Each_item_shows_who_adopted_and_endorsed_it()
    {
        var expected = DemoCorpus.Read()["adoptions"]!.AsArray().Where(a => a!["practice"]!.GetValue<string>() == "nqn-transitions").Select(a => a!["organisationCode"]!.GetValue<string>()).ToList();
        var item = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices/{_corpus.Ids["nqn-transitions"]}", UriKind.Relative)));
        Assert.Equal(expected, item["adoptedBy"]!.AsArray().Select(a => a!["organisation"]!["code"]!.GetValue<string>()));
        Assert.Equal(expected.Count, item["adoptionCount"]!.GetValue<int>());
        Assert.Equal("NHS Lothian", item["adoptedBy"]![0]!["organisation"]!["name"]!.GetValue<string>());
        Assert.Equal("2025-09-01", item["adoptedBy"]![0]!["adoptedOn"]!.GetValue<string>());
        Assert.Equal(["NB-NES"], item["endorsedBy"]!.AsArray().Select(a => a!["organisation"]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Most_adopted_sorts_by_adoptions_and_keyset_pages_cover_every_match_exactly_once()
    {
        var member = _host.Champion("S08000015");
        foreach (var (query, pageSize) in new[] { ("sort=adopted", 4), ("sort=newest", 7), ("q=nurses training", 3) })
        {
            var seen = new List<Guid>();
            var counts = new List<int>();
            string? cursor = null;
            do
            {
                var page = await GoodPracticeHost.ReadJsonAsync(await member.GetAsync(new Uri($"/api/practices?{query}&limit={pageSize}{(cursor is null ? "" : $"&cursor={cursor}")}", UriKind.Relative)));
                var items = page["items"]!.AsArray();
                Assert.True(items.Count <= pageSize);
                seen.AddRange(items.Select(i => i!["id"]!.GetValue<Guid>()));
                counts.AddRange(items.Select(i => i!["adoptionCount"]!.GetValue<int>()));
                cursor = page["nextCursor"]?.GetValue<string>();
            }
            while (cursor is not null);

            Assert.Equal(seen.Count, seen.Distinct().Count());
            if (query != "q=nurses training")
            {
                Assert.Equal(_corpus.Ids.Count, seen.Count);
            }

            if (query == "sort=adopted")
            {
                Assert.Equal(counts.OrderDescending(), counts);
                Assert.Equal("nqn-transitions", _corpus.Keys[seen[0]]);
            }
        }
    }

    [Fact]
    public async Task Anonymous_callers_see_only_public_practices_in_search_and_feeds()
    {
        var expected = _corpus.Practices.Count(p => p["isPublic"]!.GetValue<bool>());
        var page = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri("/api/practices?limit=50", UriKind.Relative)));
        Assert.Equal(expected, page["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), i => Assert.True(i!["isPublic"]!.GetValue<bool>()));

        var feed = XDocument.Parse(await _host.Anonymous().GetStringAsync(new Uri("/api/feeds/practices.atom", UriKind.Relative)));
        Assert.Equal(expected, feed.Descendants(XName.Get("entry", "http://www.w3.org/2005/Atom")).Count());
    }

    [Fact]
    public async Task The_area_feed_of_a_board_includes_its_hscps_and_councils_and_the_pillar_feed_its_pillar()
    {
        // NHS Tayside (S08000030) with Angus HSCP (S37000003) and Dundee City Council (S12000042), written out by hand.
        var tayside = new[] { "S08000030", "S37000003", "S37000007", "S37000033", "S12000041", "S12000042", "S12000048" };
        var expected = _corpus.Practices.Where(p => tayside.Contains(p["organisationCode"]!.GetValue<string>())).Select(p => _corpus.Ids[p["key"]!.GetValue<string>()]).ToHashSet();
        var feed = XDocument.Parse(await _host.Champion("S08000015").GetStringAsync(new Uri("/api/feeds/practices/areas/S08000030.atom", UriKind.Relative)));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var ids = feed.Descendants(atom + "entry").Select(e => Guid.Parse(e.Element(atom + "id")!.Value.Split(':')[^1])).ToHashSet();
        Assert.Equal(expected, ids);

        var plan = _corpus.Practices.Count(p => p["pillars"]!.AsArray().Any(x => x!.GetValue<string>() == "Plan")
            || p["outcomeCodes"]!.AsArray().Any(x => x!.GetValue<string>().StartsWith("PLAN-", StringComparison.Ordinal)));
        var planFeed = XDocument.Parse(await _host.Champion("S08000015").GetStringAsync(new Uri("/api/feeds/practices/pillars/plan.atom", UriKind.Relative)));
        Assert.Equal(plan, planFeed.Descendants(atom + "entry").Count());
    }

    [Fact]
    public async Task Organisations_like_mine_are_those_of_the_same_type_or_the_same_board()
    {
        var adoptions = DemoCorpus.Read()["adoptions"]!.AsArray().Select(a => (Practice: a!["practice"]!.GetValue<string>(), By: a["organisationCode"]!.GetValue<string>())).ToList();
        // Edinburgh HSCP: other HSCPs' adoptions (codes S37…), none of Edinburgh's own.
        var byHscps = adoptions.Where(a => a.By.StartsWith("S37", StringComparison.Ordinal) && a.By != "S37000012").Select(a => a.Practice).Distinct().Order().ToList();
        var answer = await GoodPracticeHost.ReadJsonAsync(await _host.Editor("S37000012").GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine", UriKind.Relative)));
        Assert.Equal(byHscps, answer["practices"]!.AsArray().Select(p => _corpus.Keys[p!["practiceId"]!.GetValue<Guid>()]).Order().ToList());
        Assert.Equal("peer-support-gp-practices", _corpus.Keys[answer["practices"]![0]!["practiceId"]!.GetValue<Guid>()]);

        // NHS Tayside's board area: Dundee City HSCP adopted peer support, Dundee City Council the schools training, Tayside itself earn-while-you-learn.
        var board = await GoodPracticeHost.ReadJsonAsync(await _host.Champion("S37000003").GetAsync(new Uri("/api/practices/adopted-by-organisations-like-mine?like=board", UriKind.Relative)));
        var keys = board["practices"]!.AsArray().Select(p => _corpus.Keys[p!["practiceId"]!.GetValue<Guid>()]).Order().ToList();
        // Angus HSCP shared the peer support practice itself, so it is left out.
        Assert.Equal(new[] { "earn-while-you-learn", "school-staff-training" }, keys);
    }
}
