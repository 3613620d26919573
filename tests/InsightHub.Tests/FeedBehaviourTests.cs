using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using ChampionNetwork.Contracts.CaseStudies;
using ChampionNetwork.Contracts.GoodPractice;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.VisualBasic.FileIO;

namespace ChampionNetwork.InsightHub.Tests;

/// <summary>What a policy team's client sees of the feeds: formats, conditional GET, provenance. Real RabbitMQ and Redis.</summary>
public sealed class FeedBehaviourTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S37000034"; // Glasgow City HSCP, in NHS Greater Glasgow and Clyde
    private const string Board = "S08000031";
    private Hub _hub = null!;

    public async Task InitializeAsync() => _hub = await Hub.StartAsync(servers);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Json_feed_states_policy_instrument_version_rate_and_provisional_figures_and_computedAt_is_the_publication()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(5);
        await _hub.PublishAsync([InsightEvents.Opened(campaign, [Organisation], headcount: 200)]);
        var events = Enumerable.Range(0, 10).Select(_ => InsightEvents.Response(campaign, Organisation, random)).ToList();
        await _hub.PublishAsync(events);
        await _hub.WaitForScotlandAsync(campaign, 10);
        // CampaignOpened travels on its own queue: wait for its headcount too.
        var own = (await Eventually.Returns(
            () => _hub.AreaFeedAsync(Organisation, campaign),
            feed => feed["campaigns"]![0]!["responseRate"]!["value"]?.GetValue<double?>() is not null,
            because: "for the eligible headcount to arrive"))["campaigns"]![0]!;
        await Hub.SettledAsync(_hub.Analyst, campaign);
        var first = await _hub.AreaFeedAsync("S92000003", campaign);
        Assert.Equal("nhsbsa-5", first["disclosurePolicy"]!.GetValue<string>());
        Assert.Equal(1, own["instrumentVersion"]!.GetValue<int>());
        Assert.Equal("open", own["status"]!.GetValue<string>());
        Assert.Equal("p", own["responses"]!["qualifier"]!.GetValue<string>());
        Assert.Equal(5.0, own["responseRate"]!["value"]!.GetValue<double>()); // 10 of 200
        var valued = own["items"]!.AsArray().Single(i => i!["itemId"]!.GetValue<string>() == "valued")!;
        // A share is shown only when every answer count behind it is (a hidden count would be its complement).
        var answerCounts = events.GroupBy(e => e.Answers[0].Value).Select(g => g.Count()).ToList();
        if (answerCounts.All(c => c >= 5))
        {
            Assert.Equal(Math.Round(events.Count(e => e.Answers[0].Value >= 4) * 10.0, MidpointRounding.AwayFromZero), valued["shareAgreeing"]!["value"]!.GetValue<double>());
        }
        else
        {
            Assert.Equal("c", valued["shareAgreeing"]!["qualifier"]!.GetValue<string>());
        }
        Assert.Equal("z", own["items"]!.AsArray().Single(i => i!["itemId"]!.GetValue<string>() == "recommend")!["shareAgreeing"]!["qualifier"]!.GetValue<string>());

        // computedAt is the publication: a whole second on the schedule (every second here), the campaign's own too.
        var computedAt = first["computedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(0, computedAt.UtcTicks % TimeSpan.TicksPerSecond);
        Assert.True(computedAt <= DateTimeOffset.UtcNow);
        Assert.Equal(computedAt, first["campaigns"]![0]!["computedAt"]!.GetValue<DateTimeOffset>());

        // A duplicate changes no figure, over later publications; a new response shows in a later one.
        var figures = await Hub.FiguresAsync(_hub.Analyst, campaign);
        await _hub.PublishAsync([events[0]]);
        await Task.Delay(2500);
        Assert.Equal(figures, await Hub.FiguresAsync(_hub.Analyst, campaign));

        await _hub.PublishAsync([InsightEvents.Response(campaign, Organisation, random)]);
        var after = await _hub.WaitForScotlandAsync(campaign, 11);
        Assert.True(after["computedAt"]!.GetValue<DateTimeOffset>() > computedAt);

        // Closing the campaign makes the figures final.
        await _hub.PublishAsync([new CampaignClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, campaign, DateTimeOffset.UtcNow, [new EligibleHeadcount(Organisation, 200)])]);
        var closed = await Eventually.Returns(
            () => _hub.AreaFeedAsync(Organisation, campaign),
            feed => feed["campaigns"]![0]!["status"]!.GetValue<string>() == "closed",
            because: "for the campaign to show as closed");
        Assert.Null(closed["campaigns"]![0]!["responses"]!["qualifier"]?.GetValue<string?>());
        Assert.Equal(11, closed["campaigns"]![0]!["responses"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Csv_parses_into_the_tidy_columns_with_area_names_and_each_published_figure()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(7);
        var opened = InsightEvents.Opened(campaign, [Organisation, "S12000049"], headcount: 100);
        await _hub.PublishAsync([opened]);
        await _hub.PublishAsync(Enumerable.Range(0, 8).Select(_ => InsightEvents.Response(campaign, Organisation, random))
            .Concat(Enumerable.Range(0, 2).Select(_ => InsightEvents.Response(campaign, "S12000049", random))));
        await _hub.WaitForScotlandAsync(campaign, 10);

        // The window comes with CampaignOpened, on its own queue.
        var period = $"{opened.OpensAt.UtcDateTime:yyyy-MM-dd}/{opened.ClosesAt.UtcDateTime:yyyy-MM-dd}";
        var (response, body) = await Eventually.Returns(
            async () =>
            {
                var r = await _hub.Analyst.GetAsync(new Uri($"/api/feeds/insight.csv?campaign={campaign}&area={Board}", UriKind.Relative));
                return (r, await r.Content.ReadAsStringAsync());
            },
            r => r.r.StatusCode != HttpStatusCode.OK || r.Item2.Contains(period, StringComparison.Ordinal),
            because: "for the campaign's window to be published");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var (header, rows) = ParseCsv(body);

        Assert.Equal(
            ["ref_area", "ref_area_name", "ref_period", "campaign_id", "measure", "pillar", "outcome", "item", "value", "unit", "qualifier", "instrument_version", "disclosure_policy", "computed_at"],
            header);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Count));
        string Cell(string area, string measure, string column, string item = "") =>
            rows.Single(r => r["ref_area"] == area && r["measure"] == measure && r["item"] == item && r["pillar"] == (item == "" ? "" : r["pillar"]))[column];

        Assert.Equal("Glasgow City Health and Social Care Partnership", rows.First(r => r["ref_area"] == Organisation)["ref_area_name"]);
        // The board (10) shows; Glasgow City Council's 2 is suppressed and, as the board's total is shown, so is
        // the next smallest cell, Glasgow City HSCP's 8.
        Assert.Equal("10", Cell(Board, "responses", "value"));
        Assert.Equal("p", Cell(Board, "responses", "qualifier"));
        Assert.Equal("", Cell("S12000049", "responses", "value"));
        Assert.Equal("c", Cell("S12000049", "responses", "qualifier"));
        Assert.Equal("c", Cell(Organisation, "responses", "qualifier"));
        Assert.Equal("c", Cell(Organisation, "mean-score", "qualifier", "valued"));
        Assert.All(rows, r => Assert.Equal("nhsbsa-5", r["disclosure_policy"]));
        Assert.All(rows, r => Assert.Equal(period, r["ref_period"]));
        Assert.All(rows, r => Assert.Equal(campaign.ToString(), r["campaign_id"]));
        var computedAt = response.Headers.GetValues("X-Computed-At").Single();
        Assert.All(rows, r => Assert.Equal(computedAt, r["computed_at"]));
        Assert.All(rows.Where(r => r["qualifier"] == "c"), r => Assert.Equal("", r["value"]));

        var pillarOnly = await _hub.Analyst.GetStringAsync(new Uri($"/api/feeds/insight.csv?campaign={campaign}&area={Board}&pillar=Employ", UriKind.Relative));
        Assert.All(pillarOnly.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.Contains(",Employ,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Atom_reads_back_as_Atom_1_0_with_one_entry_per_campaign_and_area_that_changed()
    {
        var campaign = Guid.NewGuid();
        var random = new Random(8);
        await _hub.PublishAsync(Enumerable.Range(0, 5).Select(_ => InsightEvents.Response(campaign, Organisation, random)));
        await _hub.WaitForScotlandAsync(campaign, 5);

        var response = await _hub.Analyst.GetAsync(new Uri("/api/feeds/insight.atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var published = DateTimeOffset.Parse(response.Headers.GetValues("X-Computed-At").Single(), CultureInfo.InvariantCulture);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(xml));
        formatter.ReadFrom(xml);
        var feed = formatter.Feed;

        var entries = feed.Items.Where(i => i.Id.Contains(campaign.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { Organisation, Board, "S92000003" }.Order(),
            entries.Select(e => e.Id.Split(':')[^1]).Order());
        Assert.Contains(feed.Categories, c => c.Name == "nhsbsa-5");
        Assert.All(entries, e => Assert.Contains(e.Categories, c => c.Name == "1" && c.Scheme.EndsWith("instrument-version", StringComparison.Ordinal)));
        Assert.Contains("Responses 5", ((TextSyndicationContent)entries.Single(e => e.Id.EndsWith(Organisation, StringComparison.Ordinal)).Summary).Text, StringComparison.Ordinal);
        // Every entry is as new as its campaign's publication, no newer or finer; this one is the newest published.
        Assert.All(entries, e => Assert.Equal(entries[0].LastUpdatedTime, e.LastUpdatedTime));
        Assert.True(entries[0].LastUpdatedTime <= published);
    }

    [Fact]
    public async Task Good_practice_and_case_studies_are_counted_once_per_item_by_quarter()
    {
        const string council = "S12000045"; // East Dunbartonshire Council
        var practice = Guid.NewGuid();
        var caseStudy = Guid.NewGuid();
        var shared = new GoodPracticeShared(Guid.NewGuid(), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), practice, "Walking meetings", council, ["Nurture"], ["NURTURE-S1"]);
        var adopted = new GoodPracticeAdopted(Guid.NewGuid(), new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), practice, council, council, ["Nurture"], ["NURTURE-S1"]);
        var published = new CaseStudyPublished(Guid.NewGuid(), new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero), caseStudy, 1, "Peer support", "peer-support", council, ["Nurture"], ["NURTURE-S3"], ChangeNoteKind.Major, "First edition");
        var republished = published with { EventId = Guid.NewGuid(), Edition = 2 };
        await _hub.PublishAsync<object>([shared, shared, adopted, adopted with { EventId = Guid.NewGuid() }, published, republished]);

        var feed = await Eventually.Returns(
            async () => (await _hub.Analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{council}", UriKind.Relative)))!,
            f => f["activity"]!.AsArray().Count == 1 && f["activity"]![0]!["caseStudiesPublished"]!.GetValue<int>() == 1 && f["activity"]![0]!["goodPracticeAdopted"]!.GetValue<int>() == 1,
            because: "for the activity to be counted");
        var quarter = feed["activity"]![0]!;
        Assert.Equal("2026-Q4", quarter["period"]!.GetValue<string>());
        Assert.Equal(1, quarter["goodPracticeShared"]!.GetValue<int>());

        var csv = await _hub.Analyst.GetStringAsync(new Uri($"/api/feeds/insight.csv?area={Board}", UriKind.Relative));
        Assert.Contains($"{council},East Dunbartonshire Council,2026-Q4,,case-studies-published,,,,1,items,", csv, StringComparison.Ordinal);
        Assert.Contains($"{Board},NHS Greater Glasgow and Clyde,2026-Q4,,good-practice-shared,,,,1,items,", csv, StringComparison.Ordinal);
    }

    /// <summary>Parses RFC 4180 CSV with the framework's own parser (quoted fields, embedded commas).</summary>
    internal static (string[] Header, List<Dictionary<string, string>> Rows) ParseCsv(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return (header, rows);
    }
}
