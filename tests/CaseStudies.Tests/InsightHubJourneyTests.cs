extern alias insighthub;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// End to end on the real servers: a case study of Angus HSCP published and then withdrawn reaches InsightHub's
/// quarterly counts for Angus, its board (NHS Tayside) and Scotland, through the outbox and RabbitMQ; and the Atom
/// feed carries the change note.
/// </summary>
public sealed class InsightHubJourneyTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Board = "S08000030";
    private const string Scotland = "S92000003";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private ServiceUnderTest<insighthub::Program> _insightHub = null!;
    private CaseStudiesHost _caseStudies = null!;

    public async Task InitializeAsync()
    {
        _caseStudies = await CaseStudiesHost.StartAsync(servers);
        _insightHub = new ServiceUnderTest<insighthub::Program>(ServiceSettings.InsightHub(servers.RabbitMqUri, servers.RedisConnectionString, servers.RedisKeyPrefix, await servers.DatabaseAsync("insighthubdb"), _caseStudies.Identity));
        _insightHub.Start();
        // InsightHub's queues must be bound before anything is published.
        await _insightHub.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        await _caseStudies.DisposeAsync();
        await _insightHub.DisposeAsync();
    }

    [Fact]
    public async Task A_publish_then_a_withdraw_are_this_quarter_s_counts_and_the_feed_shows_the_change_note()
    {
        var (id, slug) = await _caseStudies.CreateAsync(CaseStudiesHost.Content("Peer support in Angus GP practices",
            c => c["changeNote"] = "First published for the Network's autumn round."));
        await CaseStudiesHost.MustAsync(_caseStudies.Author(), id, 1, "submit");
        await CaseStudiesHost.MustAsync(_caseStudies.Reviewer(), id, 1, "approve");
        await CaseStudiesHost.MustAsync(_caseStudies.Reviewer("reviewer-2"), id, 1, "publish");

        var feed = XDocument.Parse(await _caseStudies.Anonymous().GetStringAsync(new Uri("/api/feeds/case-studies.atom", UriKind.Relative)));
        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal("Peer support in Angus GP practices", entry.Element(Atom + "title")!.Value);
        Assert.Equal("Edition 1: First published for the Network's autumn round.", entry.Element(Atom + "summary")!.Value);
        Assert.EndsWith($"/case-studies/{slug}", entry.Element(Atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);

        var analyst = _insightHub.ClientWithToken(_caseStudies.Identity.PolicyAnalyst());
        var today = DateTime.UtcNow;
        var quarter = string.Create(CultureInfo.InvariantCulture, $"{today.Year}-Q{((today.Month - 1) / 3) + 1}");
        foreach (var area in new[] { CaseStudiesHost.Organisation, Board, Scotland })
        {
            var figures = await QuarterAsync(analyst, area, q => q["caseStudiesPublished"]!.GetValue<int>() > 0, "the publication");
            Assert.Equal(quarter, figures["period"]!.GetValue<string>());
            Assert.Equal(1, figures["caseStudiesPublished"]!.GetValue<int>());
            Assert.Equal(0, figures["caseStudiesWithdrawn"]!.GetValue<int>());
        }

        await CaseStudiesHost.MustAsync(_caseStudies.Reviewer(), id, 1, "withdraw", new { explanation = "The referral figures are being checked." });
        foreach (var area in new[] { CaseStudiesHost.Organisation, Board, Scotland })
        {
            var figures = await QuarterAsync(analyst, area, q => q["caseStudiesWithdrawn"]!.GetValue<int>() > 0, "the withdrawal");
            Assert.Equal(1, figures["caseStudiesPublished"]!.GetValue<int>());
            Assert.Equal(1, figures["caseStudiesWithdrawn"]!.GetValue<int>());
        }

        feed = XDocument.Parse(await _caseStudies.Anonymous().GetStringAsync(new Uri("/api/feeds/case-studies.atom", UriKind.Relative)));
        entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.StartsWith("[Withdrawn]", entry.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("The referral figures are being checked.", entry.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Equal(0, await _caseStudies.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }

    private static async Task<JsonNode> QuarterAsync(HttpClient analyst, string area, Func<JsonNode, bool> condition, string what)
    {
        var activity = await Eventually.Returns(
            async () => (await analyst.GetFromJsonAsync<JsonNode>(new Uri($"/api/feeds/areas/{area}", UriKind.Relative)))!["activity"]!.AsArray(),
            a => a.Any(q => condition(q!)),
            TimeSpan.FromSeconds(60),
            because: $"for {what} to reach {area}'s feed");
        return Assert.Single(activity)!;
    }
}
