extern alias surveys;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.EndToEnd.Tests.GroundTruth;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using Npgsql;
using InstrumentItem = surveys::ChampionNetwork.Surveys.Instruments.InstrumentItem;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>
/// Ground truth: random responses go through the Surveys API to 20 organisations in 4 boards, some of them under
/// the threshold. Every figure the JSON, CSV and Atom feeds show, at organisation, board and Scotland level, equals
/// the figure the test computes itself from surveysdb's responses table (<see cref="SurveysDbFigures"/>); every
/// figure that rests on a count of 1 to 4 is hidden; and a cell reads the same wherever it appears.
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

        var truth = await FromSurveysDbAsync(campaign, instrument.Items, headcounts);
        Assert.Equal(total, truth.Area("S92000003").Responses);

        // Every cell of every area's JSON (its own and its children's) and of the CSV, as published.
        var published = new List<(Cell Cell, Published Value, string Where)>();
        foreach (var area in Boards.Concat(Organisations).Append("S92000003"))
        {
            var feed = (await Feeds.AreaAsync(analyst, area, campaign)).Campaign()!;
            published.AddRange(JsonCells(area, feed).Select(c => (c.Cell, c.Value, $"{area}'s feed")));
            foreach (var child in feed["children"]!.AsArray())
            {
                published.AddRange(JsonCells(child!["area"]!["code"]!.GetValue<string>(), child).Select(c => (c.Cell, c.Value, $"{area}'s children")));
            }
        }

        var csv = await analyst.GetStringAsync(new Uri($"/api/feeds/insight.csv?campaign={campaign}", UriKind.Relative));
        published.AddRange(CsvCells(csv).Select(c => (c.Cell, c.Value, "the CSV")));

        Assert.All(published, p => Assert.Null(truth.Disagreement(p.Cell, p.Value) is { } why ? $"{why} (in {p.Where})" : null));
        Assert.All(published.GroupBy(p => p.Cell), same => Assert.Single(same.Select(p => p.Value).Distinct()));

        // The test has teeth: figures are shown at every level, and small counts were there to hide.
        var shown = published.Where(p => p.Value.Value is not null).Select(p => p.Cell).Distinct().ToList();
        Assert.Equal((double)total, published.First(p => p.Cell == new Cell("S92000003", "responses", "")).Value.Value);
        Assert.Contains(shown, c => c.Area == "S92000003" && c.Measure == "mean-score");
        Assert.Contains(shown, c => Boards.Contains(c.Area) && c.Measure.StartsWith("share-answering-", StringComparison.Ordinal));
        Assert.Contains(shown, c => Organisations.Contains(c.Area) && c.Measure == "responses");
        Assert.Contains(published, p => p.Cell.Measure == "responses" && truth.Area(p.Cell.Area).Responses is > 0 and < SurveysDbFigures.Minimum);
        Assert.True(shown.Count >= 200, $"only {shown.Count} cells shown");
        Assert.True(shown.Select(c => c.Area).Distinct().Count() >= 10, "figures shown for fewer than 10 areas");

        // Atom: one entry per area with shown responses, stating its published count; a hidden area has no entry.
        var atom = await analyst.GetStringAsync(new Uri("/api/feeds/insight.atom", UriKind.Relative));
        foreach (var area in Organisations)
        {
            var responses = published.First(p => p.Cell == new Cell(area, "responses", "")).Value;
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

    /// <summary>Raw answers straight from the responses table, one per response.</summary>
    private async Task<SurveysDbFigures> FromSurveysDbAsync(Guid campaign, IReadOnlyList<InstrumentItem> items, IReadOnlyDictionary<string, int> headcounts)
    {
        var responses = new List<(string, IReadOnlyDictionary<string, int>)>();
        await using var connection = new NpgsqlConnection(_platform.SurveysDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT organisation_code, answers::text FROM responses WHERE campaign_id = @id", connection);
        command.Parameters.AddWithValue("id", campaign);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = JsonNode.Parse(reader.GetString(1))!.AsArray()
                .Where(a => a!["value"]?.GetValue<int?>() is not null)
                .ToDictionary(a => a!["itemId"]!.GetValue<string>(), a => a!["value"]!.GetValue<int>(), StringComparer.Ordinal);
            responses.Add((reader.GetString(0), values));
        }

        return SurveysDbFigures.From(items, responses, headcounts);
    }

    private static Published Value(JsonNode? figure) =>
        new(figure?["value"]?.GetValue<double?>(), figure?["qualifier"]?.GetValue<string?>() is "p" ? null : figure?["qualifier"]?.GetValue<string?>());

    private static IEnumerable<(Cell Cell, Published Value)> JsonCells(string area, JsonNode figures)
    {
        yield return (new Cell(area, "responses", ""), Value(figures["responses"]));
        yield return (new Cell(area, "response-rate", ""), Value(figures["responseRate"]));
        foreach (var item in figures["items"]!.AsArray())
        {
            var scope = $"item:{item!["itemId"]!.GetValue<string>()}";
            yield return (new Cell(area, "answers", scope), Value(item["answers"]));
            yield return (new Cell(area, "mean-score", scope), Value(item["mean"]));
            yield return (new Cell(area, "share-agreeing", scope), Value(item["shareAgreeing"]));
            foreach (var share in item["distribution"]!.AsArray())
            {
                yield return (new Cell(area, $"share-answering-{share!["answer"]!.GetValue<int>()}", scope), Value(share["share"]));
            }
        }

        foreach (var (list, kind) in new[] { ("pillars", "pillar"), ("outcomes", "outcome") })
        {
            foreach (var cut in figures[list]!.AsArray())
            {
                var scope = $"{kind}:{cut!["code"]!.GetValue<string>()}";
                yield return (new Cell(area, "mean-score", scope), Value(cut["mean"]));
                yield return (new Cell(area, "share-agreeing", scope), Value(cut["shareAgreeing"]));
            }
        }
    }

    private static List<(Cell Cell, Published Value)> CsvCells(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!.ToList();
        int Col(string name) => header.IndexOf(name);
        var cells = new List<(Cell, Published)>();
        while (!parser.EndOfData)
        {
            var f = parser.ReadFields()!;
            Assert.Equal("nhsbsa-5", f[Col("disclosure_policy")]);
            Assert.Equal("1", f[Col("instrument_version")]);
            var (item, outcome, pillar) = (f[Col("item")], f[Col("outcome")], f[Col("pillar")]);
            var scope = item != "" ? $"item:{item}" : outcome != "" ? $"outcome:{outcome}" : pillar != "" ? $"pillar:{pillar}" : "";
            var value = f[Col("value")] == "" ? (double?)null : double.Parse(f[Col("value")], CultureInfo.InvariantCulture);
            var qualifier = f[Col("qualifier")] is "" or "p" ? null : f[Col("qualifier")];
            cells.Add((new Cell(f[Col("ref_area")], f[Col("measure")], scope), new Published(value, qualifier)));
        }

        return cells;
    }
}
