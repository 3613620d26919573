extern alias insighthub;
extern alias surveys;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using Npgsql;
using CampaignDisclosure = insighthub::ChampionNetwork.InsightHub.Disclosure.CampaignDisclosure;
using DisclosedCampaign = insighthub::ChampionNetwork.InsightHub.Disclosure.DisclosedCampaign;
using DisclosurePolicy = ChampionNetwork.Disclosure.DisclosurePolicy;
using InstrumentItem = surveys::ChampionNetwork.Surveys.Instruments.InstrumentItem;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// Ground truth: random responses go through the Surveys API to 20 organisations in 4 boards, some of them under
/// the threshold. Every figure in the JSON, CSV and Atom feeds, at organisation, board and Scotland level, equals
/// the figure computed directly from surveysdb's responses table, with the nhsbsa-5 policy applied.
/// </summary>
public sealed class GroundTruthTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // Five organisations in each of four boards: Greater Glasgow and Clyde, Lothian, Grampian, Tayside.
    private static readonly string[] Boards = ["S08000031", "S08000024", "S08000020", "S08000030"];
    private static readonly string[] Organisations =
    [
        "S37000034", "S12000049", "S37000024", "S12000038", "S37000017",
        "S37000012", "S12000036", "S37000030", "S12000040", "S37000010",
        "S37000001", "S12000033", "S37000002", "S12000034", "S37000019",
        "S37000007", "S12000042", "S37000003", "S12000041", "S37000033",
    ];

    private Platform _platform = null!;

    public async Task InitializeAsync() => _platform = await Platform.StartAsync(servers);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Every_figure_in_every_feed_equals_the_figure_computed_from_surveysdb_with_disclosure_applied()
    {
        var campaign = Responses.DemoCampaign;
        var instrument = await InstrumentAsync();
        var headcounts = await HeadcountsAsync();

        var random = new Random(2026);
        var total = 0;
        foreach (var organisation in Organisations)
        {
            // A quarter of the organisations stay under the threshold of 5.
            var count = random.Next(4) == 0 ? random.Next(1, 5) : random.Next(5, 12);
            for (var i = 0; i < count; i++)
            {
                // One response per champion per campaign: each response is a different champion.
                var champion = _platform.Surveys.ClientWithToken(_platform.Identity.Champion(organisation));
                var response = await champion.PostAsJsonAsync(new Uri($"/api/campaigns/{campaign}/responses", UriKind.Relative), Submission(organisation, instrument.Items, random));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            total += count;
        }

        var analyst = _platform.InsightHub.ClientWithToken(_platform.Identity.PolicyAnalyst());
        await Eventually.Returns(
            async () => (await Feeds.AreaAsync(analyst, "S92000003", campaign)).Campaign(),
            c => c.ResponsesValue() == total && c?["responseRate"]?["value"]?.GetValue<double?>() is not null,
            TimeSpan.FromSeconds(90),
            because: $"for all {total} responses and the headcounts to reach the Scotland feed");

        // Scotland may count the last response a moment before its organisation and board do: wait for calm.
        await Eventually.Returns(
            async () =>
            {
                var uri = new Uri($"/api/feeds/insight.csv?campaign={campaign}", UriKind.Relative);
                var before = (await analyst.GetAsync(uri)).Headers.ETag;
                await Task.Delay(500);
                return before is not null && before.Equals((await analyst.GetAsync(uri)).Headers.ETag);
            },
            settled => settled,
            TimeSpan.FromSeconds(30),
            because: "for the campaign's figures to settle");

        var expected = await ExpectedFromSurveysDbAsync(campaign, instrument.Items, headcounts);
        Assert.Equal(total, (int)expected.Areas["S92000003"].Responses.Value!.Value);
        Assert.Contains(expected.Areas.Values, a => a.Responses.IsSuppressed); // the test covers suppression
        Assert.Contains(expected.Areas.Values, a => a.Area.Type == "Board" && !a.Responses.IsSuppressed && a.Responses.Value > 0);

        // JSON: every area's own figures and its children's.
        foreach (var area in Boards.Concat(Organisations).Append("S92000003"))
        {
            var feed = (await Feeds.AreaAsync(analyst, area, campaign)).Campaign()!;
            AssertSameFigures(expected, area, feed);
            foreach (var child in feed["children"]!.AsArray())
            {
                AssertSameFigures(expected, child!["area"]!["code"]!.GetValue<string>(), child);
            }
        }

        // CSV: every row for Scotland and everything below it.
        var csv = await analyst.GetStringAsync(new Uri($"/api/feeds/insight.csv?campaign={campaign}", UriKind.Relative));
        Assert.Equal(ExpectedCsvRows(expected).Order(StringComparer.Ordinal), CsvRows(csv).Order(StringComparer.Ordinal));

        // Atom: one entry per area with shown responses, stating its published count; a hidden area has no entry.
        var atom = await analyst.GetStringAsync(new Uri("/api/feeds/insight.atom", UriKind.Relative));
        foreach (var area in Organisations)
        {
            var responses = expected.Areas[area].Responses;
            var title = $"{AreaRegistry.Default.Get(AreaCode.Parse(area)).Name}: Demo: winter wellbeing pulse";
            if (responses.Value is { } v and > 0)
            {
                Assert.Contains(title, atom, StringComparison.Ordinal);
                Assert.Contains($"Responses {v.ToString(CultureInfo.InvariantCulture)} [p]", atom, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(title, atom, StringComparison.Ordinal);
            }
        }
    }

    private static object Submission(string organisation, IReadOnlyList<InstrumentItem> items, Random random) => new
    {
        organisationCode = organisation,
        answers = items
            .Where(i => i.ValueRange is not null && (i.Required || random.Next(3) > 0))
            .Select(i => (object)new { itemId = i.Id, value = random.Next(i.ValueRange!.Value.Min, i.ValueRange.Value.Max + 1) })
            .Append(new { itemId = "one-change", text = "Protected time for breaks", themes = new[] { "Nurture" } })
            .ToArray(),
    };

    private async Task<(Guid Id, int Version, IReadOnlyList<InstrumentItem> Items)> InstrumentAsync()
    {
        await using var connection = new NpgsqlConnection(_platform.SurveysDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT v.instrument_id, v.version, v.items::text FROM instrument_versions v JOIN campaigns c ON c.instrument_id = v.instrument_id AND c.instrument_version = v.version WHERE c.id = @id",
            connection);
        command.Parameters.AddWithValue("id", Responses.DemoCampaign);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetGuid(0), reader.GetInt32(1), JsonSerializer.Deserialize<List<InstrumentItem>>(reader.GetString(2), Web)!);
    }

    /// <summary>Each invited organisation's eligible headcount, from the campaigns table.</summary>
    private async Task<Dictionary<string, int>> HeadcountsAsync()
    {
        await using var connection = new NpgsqlConnection(_platform.SurveysDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT organisations::text FROM campaigns WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", Responses.DemoCampaign);
        var organisations = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsArray();
        return organisations.ToDictionary(o => o!["organisationCode"]!.GetValue<string>(), o => o!["eligibleHeadcount"]!.GetValue<int>(), StringComparer.Ordinal);
    }

    /// <summary>Raw figures straight from the responses table, rolled up by the reference data, then disclosed.</summary>
    private async Task<DisclosedCampaign> ExpectedFromSurveysDbAsync(Guid campaign, IReadOnlyList<InstrumentItem> items, IReadOnlyDictionary<string, int> eligible)
    {
        var byItem = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var tallies = new Dictionary<string, (int Responses, Dictionary<string, Dictionary<int, int>> Items)>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(_platform.SurveysDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT organisation_code, answers::text FROM responses WHERE campaign_id = @id", connection);
        command.Parameters.AddWithValue("id", campaign);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var answers = JsonNode.Parse(reader.GetString(1))!.AsArray();
            foreach (var area in AreaRegistry.Default.RollUpOf(AreaCode.Parse(reader.GetString(0))))
            {
                var tally = tallies.TryGetValue(area.Value, out var t) ? t : (0, new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal));
                foreach (var answer in answers)
                {
                    if (answer!["value"]?.GetValue<int?>() is { } value)
                    {
                        var item = answer["itemId"]!.GetValue<string>();
                        var distribution = tally.Item2.TryGetValue(item, out var d) ? d : tally.Item2[item] = [];
                        distribution[value] = distribution.GetValueOrDefault(value) + 1;
                    }
                }

                tallies[area.Value] = (tally.Item1 + 1, tally.Item2);
            }
        }

        var headcounts = eligible
            .SelectMany(o => AreaRegistry.Default.RollUpOf(AreaCode.Parse(o.Key)).Select(a => (Area: a.Value, Headcount: o.Value)))
            .GroupBy(x => x.Area).ToDictionary(g => g.Key, g => g.Sum(x => x.Headcount), StringComparer.Ordinal);
        var kinds = items.ToDictionary(i => i.Id, i => i.Kind.ToString(), StringComparer.Ordinal);
        // Invited organisations without a response still have a headcount: a response rate of 0.
        foreach (var area in headcounts.Keys.Where(a => !tallies.ContainsKey(a)).ToList())
        {
            tallies[area] = (0, []);
        }

        var insights = tallies.Select(t => new CampaignInsight(
            t.Key, campaign, Guid.Empty, 1, t.Value.Responses,
            [.. t.Value.Items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => new ItemInsight(
                i.Key, byItem[i.Key].Pillar, byItem[i.Key].OutcomeCodes, i.Value.Values.Sum(), i.Value.Sum(d => (long)d.Key * d.Value), i.Value))],
            headcounts.GetValueOrDefault(t.Key), CampaignStatus.Open, "Demo", kinds, DateTimeOffset.UnixEpoch)).ToList();
        var disclosure = new CampaignDisclosure(DisclosurePolicy.NhsBsa5, AreaRegistry.Default);
        return disclosure.Apply(campaign, new FeedSnapshot(new FeedVersion("surveysdb", DateTimeOffset.UnixEpoch), insights, []));
    }

    private static void AssertSameFigures(DisclosedCampaign expected, string area, JsonNode actual)
    {
        var figures = JsonSerializer.SerializeToNode(expected.Areas[area], Web)!.AsObject();
        foreach (var key in new[] { "responses", "responseRate", "items", "pillars", "outcomes" })
        {
            Assert.True(JsonNode.DeepEquals(figures[key], actual[key]), $"{area} {key}: expected {figures[key]?.ToJsonString()}, feed has {actual[key]?.ToJsonString()}");
        }
    }

    private static IEnumerable<string> ExpectedCsvRows(DisclosedCampaign expected)
    {
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        foreach (var f in expected.Areas.Values)
        {
            string Row(string measure, string pillar, string outcome, string item, ChampionNetwork.Disclosure.DisclosedValue v) =>
                string.Join('|', f.Area.Code, measure, pillar, outcome, item, N(v.Value), v.Qualifier ?? "");
            yield return Row("responses", "", "", "", f.Responses);
            yield return Row("response-rate", "", "", "", f.ResponseRate);
            foreach (var i in f.Items)
            {
                var outcomes = string.Join(';', i.OutcomeCodes);
                yield return Row("mean-score", i.Pillar, outcomes, i.ItemId, i.Mean);
                yield return Row("share-agreeing", i.Pillar, outcomes, i.ItemId, i.ShareAgreeing);
                foreach (var d in i.Distribution)
                {
                    yield return Row($"share-answering-{d.Answer}", i.Pillar, outcomes, i.ItemId, d.Share);
                }
            }

            foreach (var c in f.Pillars)
            {
                yield return Row("mean-score", c.Pillar, "", "", c.Mean);
                yield return Row("share-agreeing", c.Pillar, "", "", c.ShareAgreeing);
            }

            foreach (var c in f.Outcomes)
            {
                yield return Row("mean-score", c.Pillar, c.Code, "", c.Mean);
                yield return Row("share-agreeing", c.Pillar, c.Code, "", c.ShareAgreeing);
            }
        }
    }

    private static List<string> CsvRows(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!.ToList();
        int Col(string name) => header.IndexOf(name);
        var rows = new List<string>();
        while (!parser.EndOfData)
        {
            var f = parser.ReadFields()!;
            Assert.Equal("nhsbsa-5", f[Col("disclosure_policy")]);
            Assert.Equal("1", f[Col("instrument_version")]);
            rows.Add(string.Join('|', f[Col("ref_area")], f[Col("measure")], f[Col("pillar")], f[Col("outcome")], f[Col("item")], f[Col("value")], f[Col("qualifier")]));
        }

        return rows;
    }
}
