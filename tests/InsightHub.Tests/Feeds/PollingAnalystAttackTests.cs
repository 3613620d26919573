using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.InsightHub.Grains;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.InsightHub.Tests.Feeds;

/// <summary>
/// An analyst who polls every feed format around single submissions recovers no individual answer, organisation or
/// time. Snapshots publish every <see cref="Every"/> here (at multiples of it since the Unix epoch); the attacker
/// reads JSON (Scotland, a board, a shown and a hidden organisation, all campaigns), CSV and Atom with their
/// ETag, X-Computed-At and Last-Modified, either side of one InsightSubmitted, in every content coding, so that not even
/// a compressed body's length moves. Real RabbitMQ, Redis and Orleans.
/// </summary>
public sealed partial class PollingAnalystAttackTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private const string Scotland = "S92000003";
    private const string Board = "S08000031"; // NHS Greater Glasgow and Clyde
    private const string Shown = "S37000034"; // Glasgow City HSCP: 10 responses, shown
    private const string Hidden = "S12000049"; // Glasgow City Council: 2 responses, suppressed
    private const string SecondaryHidden = "S37000017"; // Inverclyde HSCP: 6 responses, hidden so the 2 cannot be worked out
    private Hub _hub = null!;

    public async Task InitializeAsync() => _hub = await Hub.StartAsync(servers, new Dictionary<string, string?>
    {
        ["InsightHub:Snapshots:PublishEvery"] = Every.ToString("c", CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Every_feed_format_and_header_is_byte_identical_either_side_of_one_submission_within_a_publication()
    {
        var campaign = await PublishedCampaignAsync(seed: 1);
        var random = new Random(11);
        var responses = 18;
        for (var attempt = 1; ; attempt++)
        {
            var period = await StartOfAPublicationAsync(campaign);
            var before = await PollAsync(campaign);
            // One response from the hidden organisation: its answers, its organisation and its time are what the
            // attacker is after.
            await _hub.PublishAsync([InsightEvents.Response(campaign, Hidden, random)]);
            responses++;
            await AppliedAsync(campaign, responses);
            await Task.Delay(500); // time for the area grains' change notices to reach the snapshot
            var after = await PollAsync(campaign);
            if (DateTimeOffset.UtcNow < period + Every || attempt == 3)
            {
                Assert.True(DateTimeOffset.UtcNow < period + Every, "three attempts each crossed a publication; the machine is too slow for this test");
                foreach (var (url, read) in before)
                {
                    Assert.True(read.Status == HttpStatusCode.OK, $"{url}: {read.Status}");
                    Assert.True(read.Body.SequenceEqual(after[url].Body), $"{url} changed within one publication:\n{Encoding.UTF8.GetString(read.Body)}\n---\n{Encoding.UTF8.GetString(after[url].Body)}");
                    Assert.True(read.Wire.SequenceEqual(after[url].Wire), $"{url}: its coded bytes changed within one publication");
                    Assert.Equal(read.Headers, after[url].Headers);
                }

                return;
            }
        }
    }

    [Fact]
    public async Task After_the_next_boundary_the_figures_change_and_every_time_shown_is_that_boundary_not_the_event()
    {
        var campaign = await PublishedCampaignAsync(seed: 2);
        await StartOfAPublicationAsync(campaign);
        var sentAt = DateTimeOffset.UtcNow;
        await _hub.PublishAsync([InsightEvents.Response(campaign, Hidden, new Random(12))]);
        await AppliedAsync(campaign, 19);

        var scotland = await Eventually.Returns(
            () => _hub.AreaFeedAsync(Scotland, campaign),
            f => Hub.Responses(f) == 19,
            TimeSpan.FromSeconds(30),
            because: "for the next publication to show the 19th response");
        var boundary = sentAt.AddTicks(-(sentAt - DateTimeOffset.UnixEpoch).Ticks % Every.Ticks) + Every;
        var computedAt = scotland["computedAt"]!.GetValue<DateTimeOffset>();
        // Read soon after the boundary that followed the event, or at worst the one after that.
        Assert.True(computedAt == boundary || computedAt == boundary + Every, $"computedAt {computedAt:O} is not the boundary after the event ({boundary:O})");

        var reads = await PollAsync(campaign);
        foreach (var (url, read) in reads)
        {
            Assert.Equal(HttpStatusCode.OK, read.Status);
            var published = DateTimeOffset.Parse(read.Headers["X-Computed-At"], CultureInfo.InvariantCulture);
            Assert.True(OnTheSchedule(published), $"{url}: X-Computed-At {published:O} is not a publication boundary");
            Assert.Equal(published.ToString("R", CultureInfo.InvariantCulture), read.Headers["Last-Modified"]);
            foreach (var time in TimesIn(read.Body))
            {
                Assert.True(OnTheSchedule(time), $"{url} shows {time:O}, which is not a publication boundary");
                Assert.True(time <= published, $"{url} shows {time:O}, after its X-Computed-At {published:O}");
            }
        }
    }

    [Fact]
    public async Task A_hidden_area_has_no_time_of_its_own_in_JSON_or_Atom()
    {
        var campaign = await PublishedCampaignAsync(seed: 3);
        var board = await _hub.AreaFeedAsync(Board, campaign);
        var children = board["campaigns"]![0]!["children"]!.AsArray();
        foreach (var code in new[] { Hidden, SecondaryHidden })
        {
            var child = children.Single(c => c!["area"]!["code"]!.GetValue<string>() == code)!;
            Assert.Equal("c", child["responses"]!["qualifier"]!.GetValue<string>());
            Assert.Null(child.AsObject()["changedAt"]);
            Assert.Empty(TimesIn(Encoding.UTF8.GetBytes(child.ToJsonString())));
        }

        var atom = await _hub.Analyst.GetAsync(new Uri("/api/feeds/insight.atom", UriKind.Relative));
        using var xml = XmlReader.Create(await atom.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(xml);
        var entries = feed.Items.Where(i => i.Id.Contains(campaign.ToString(), StringComparison.Ordinal)).Select(i => i.Id.Split(':')[^1]).ToList();
        Assert.DoesNotContain(Hidden, entries);
        Assert.DoesNotContain(SecondaryHidden, entries);
        Assert.Contains(Shown, entries);
    }

    [Fact]
    public async Task Closing_publishes_the_final_figures_at_once_at_the_second_of_the_close()
    {
        var campaign = await PublishedCampaignAsync(seed: 4);
        var period = await StartOfAPublicationAsync(campaign);
        await _hub.PublishAsync([InsightEvents.Response(campaign, Hidden, new Random(14))]);
        await AppliedAsync(campaign, 19);
        var closing = DateTimeOffset.UtcNow;
        await _hub.PublishAsync([new CampaignClosed(Guid.NewGuid(), closing, campaign, closing, [new EligibleHeadcount(Shown, 100), new EligibleHeadcount(Hidden, 100), new EligibleHeadcount(SecondaryHidden, 100)])]);

        var closed = await Eventually.Returns(
            () => _hub.AreaFeedAsync(Scotland, campaign),
            f => f["campaigns"]![0]!["status"]!.GetValue<string>() == "closed",
            Every,
            because: "for the close to be published");
        Assert.True(DateTimeOffset.UtcNow < period + Every, "the close was published only at the next boundary, not at once");
        Assert.Equal(19, Hub.Responses(closed));
        var computedAt = closed["computedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(0, computedAt.UtcTicks % TimeSpan.TicksPerSecond);
        Assert.InRange(computedAt, closing.AddTicks(-(closing.UtcTicks % TimeSpan.TicksPerSecond)), DateTimeOffset.UtcNow);
    }

    /// <summary>A campaign with 10, 2 and 6 responses in three Glasgow organisations (18 in the board), once it is published.</summary>
    private async Task<Guid> PublishedCampaignAsync(int seed)
    {
        var campaign = Guid.NewGuid();
        var random = new Random(seed);
        await _hub.PublishAsync([InsightEvents.Opened(campaign, [Shown, Hidden, SecondaryHidden], headcount: 100)]);
        await _hub.PublishAsync(
            Enumerable.Repeat(Shown, 10).Concat(Enumerable.Repeat(Hidden, 2)).Concat(Enumerable.Repeat(SecondaryHidden, 6))
                .Select(o => InsightEvents.Response(campaign, o, random)));
        await AppliedAsync(campaign, 18);
        // Published whole: the organisations' grains may apply their last event after Scotland's.
        await Eventually.Returns(
            () => _hub.AreaFeedAsync(Board, campaign),
            f => f["campaigns"]!.AsArray().Count == 1
                && Hub.Responses(f) == 18
                && f["campaigns"]![0]!["responseRate"]!["value"] is not null
                && f["campaigns"]![0]!["children"]!.AsArray().Single(c => c!["area"]!["code"]!.GetValue<string>() == Shown)!["responses"]!["value"]?.GetValue<double?>() == 10,
            Every * 3,
            because: "for the campaign's 18 responses and headcount to be published");
        return campaign;
    }

    /// <summary>Waits for the next publication boundary and returns it: the attacker then has a whole period.</summary>
    // Waits for the next boundary's publication to be out: it is gathered just after the boundary (on a busy machine
    // a little later), so an event sent before it is out could still be counted in it.
    private async Task<DateTimeOffset> StartOfAPublicationAsync(Guid campaign)
    {
        var now = DateTimeOffset.UtcNow;
        var next = now.AddTicks(-(now - DateTimeOffset.UnixEpoch).Ticks % Every.Ticks) + Every;
        await Task.Delay(next - now + TimeSpan.FromMilliseconds(50));
        // A read publishes what is due and waits for it (the snapshot grain is not reentrant).
        var published = await _hub.AreaFeedAsync(Scotland, campaign);
        Assert.True(published["computedAt"]!.GetValue<DateTimeOffset>() >= next, $"the publication at {next:O} was not out after it");
        return next;
    }

    private async Task AppliedAsync(Guid campaign, int responses)
    {
        var grains = _hub.Service.Services.GetRequiredService<IGrainFactory>();
        await Eventually.Returns(
            () => grains.GetGrain<IAreaInsightGrain>(Scotland).GetCampaignInsight(campaign),
            insight => insight?.Responses == responses,
            because: $"for Scotland's grain to count {responses}");
        // Every response after the first 18 is the hidden organisation's (2 of the first 18).
        await Eventually.Returns(
            async () => (
                Board: (await grains.GetGrain<IAreaInsightGrain>(Board).GetCampaignInsight(campaign))?.Responses,
                Hidden: (await grains.GetGrain<IAreaInsightGrain>(Hidden).GetCampaignInsight(campaign))?.Responses),
            n => n.Board == responses && n.Hidden == responses - 16,
            because: "for the board's and the hidden organisation's grains to count it");
    }

    private async Task<Dictionary<string, Read>> PollAsync(Guid campaign)
    {
        string[] urls =
        [
            $"/api/feeds/areas/{Scotland}?campaign={campaign}",
            $"/api/feeds/areas/{Board}?campaign={campaign}",
            $"/api/feeds/areas/{Shown}?campaign={campaign}",
            $"/api/feeds/areas/{Hidden}?campaign={campaign}",
            $"/api/feeds/areas/{Scotland}",
            $"/api/feeds/insight.csv?campaign={campaign}",
            $"/api/feeds/insight.csv?campaign={campaign}&area={Board}",
            "/api/feeds/insight.csv",
            "/api/feeds/insight.atom",
        ];
        var reads = new Dictionary<string, Read>(StringComparer.Ordinal);
        foreach (var url in urls)
        {
            foreach (var coding in new[] { "identity", "gzip", "br" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
                request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
                using var response = await _hub.Analyst.SendAsync(request);
                var wire = await response.Content.ReadAsByteArrayAsync();
                var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
                var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["ETag"] = response.Headers.ETag?.ToString() ?? "",
                    ["X-Computed-At"] = response.Headers.TryGetValues("X-Computed-At", out var at) ? at.Single() : "",
                    ["Last-Modified"] = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                    ["Content-Encoding"] = encoding ?? "",
                    ["Content-Length"] = wire.Length.ToString(CultureInfo.InvariantCulture),
                };
                reads[$"{url} [{coding}]"] = new Read(response.StatusCode, ContentDecoding.Decode(wire, encoding), wire, headers);
            }
        }

        return reads;
    }

    private static bool OnTheSchedule(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks % Every.Ticks == 0;

    /// <summary>Every date-time in a body (JSON, CSV or Atom): ISO 8601 with a time of day.</summary>
    private static List<DateTimeOffset> TimesIn(byte[] body) =>
        [.. IsoTime().Matches(Encoding.UTF8.GetString(body)).Select(m => DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))];

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex IsoTime();

    /// <param name="Body">The body as the reader sees it, decoded.</param>
    /// <param name="Wire">The bytes as they were sent.</param>
    private sealed record Read(HttpStatusCode Status, byte[] Body, byte[] Wire, SortedDictionary<string, string> Headers);
}
