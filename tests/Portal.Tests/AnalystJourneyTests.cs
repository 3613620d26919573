using System.Net.Http.Headers;
using ChampionNetwork.Identity;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>
/// A policy analyst goes from Scotland to a board to an organisation: each figure with its qualifier, charts drawn as
/// SVG with a table behind each, and a CSV download identical to InsightHub's own feed.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AnalystJourneyTests(PortalPlatform platform)
{
    [Fact]
    public async Task An_analyst_reads_Scotland_then_a_board_then_an_organisation_and_downloads_the_CSV()
    {
        var page = await platform.NewPersonAsync();
        await page.SignInAsync("policy-analyst");
        await page.GotoAsync("/insight");
        Assert.Equal("Insight: Scotland", await page.Locator("h1").InnerTextAsync());
        // The seeded campaign is closed and disclosed: Scotland shows its response count, rounded as the policy says.
        var responses = await page.Locator("#headline .ds_summary-list__item:has(dt:text-is('Responses')) dd").InnerTextAsync();
        Assert.Matches(@"^\d[\d,]*$", responses.Trim());
        Assert.True(await page.Locator("figure svg.portal_chart").CountAsync() >= 2, "charts for the areas and for each question");
        Assert.True(await page.Locator("#areas-table tbody tr").CountAsync() >= 14, "Scotland's children: every board and the national bodies");
        await page.AuditAsync("insight-1-scotland");

        // The charts are drawn for sighted readers; the same figures are in a table for everyone else.
        Assert.Equal("true", await page.Locator("figure svg.portal_chart").First.GetAttributeAsync("aria-hidden"));
        Assert.True(await page.Locator("table caption:has-text('How people answered')").CountAsync() >= 3);

        await page.ClickAsync("#areas-table a:has-text('NHS Ayrshire and Arran')");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/insight/S08000015"));
        Assert.Equal("Insight: NHS Ayrshire and Arran", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(3, await page.Locator(".ds_breadcrumbs__item").CountAsync());
        await page.AuditAsync("insight-2-board");

        var organisation = await page.Locator("#areas-table tbody a").First.GetAttributeAsync("href");
        await page.Locator("#areas-table tbody a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(organisation!, StringComparison.Ordinal));
        Assert.Equal(4, await page.Locator(".ds_breadcrumbs__item").CountAsync());
        await page.AuditAsync("insight-3-organisation");

        // The CSV the analyst downloads is the feed InsightHub serves to their token: every figure the same. Snapshots are
        // published every 2 s here, so only computed_at (the publication time) may differ between the two reads.
        await page.GotoAsync("/insight");
        var link = page.Locator("a:has-text('Download these figures')");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var downloaded = await File.ReadAllTextAsync(await download.PathAsync());
        var campaign = new Uri(new Uri(page.Url), await link.GetAttributeAsync("href")).Query;
        using var analyst = Analyst();
        var direct = await analyst.GetStringAsync($"/api/feeds/insight.csv{campaign.Replace("?campaign", "?area=S92000003&campaign", StringComparison.Ordinal)}");
        Assert.StartsWith("ref_area,", downloaded, StringComparison.Ordinal);
        Assert.Equal(WithoutPublicationTime(direct), WithoutPublicationTime(downloaded));

        // An organisation whose response count the feed suppresses shows "c" on its page, never a number.
        var hidden = Csv(downloaded).First(r => r["measure"] == "responses" && r["qualifier"] == "c");
        Assert.Equal("", hidden["value"]);
        await page.GotoAsync($"/insight/{hidden["ref_area"]}{campaign}");
        var headline = page.Locator("#headline .ds_summary-list__item:has(dt:text-is('Responses')) dd");
        Assert.StartsWith("c", (await headline.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("confidential: too few answers to publish", await headline.Locator("abbr").GetAttributeAsync("title"));
        await page.AuditAsync("insight-4-suppressed");
        await page.Context.CloseAsync();
    }

    private static List<string> WithoutPublicationTime(string csv) =>
        [.. Csv(csv).Select(r => string.Join('|', r.Where(c => c.Key != "computed_at").Select(c => $"{c.Key}={c.Value}")))];

    /// <summary>RFC 4180 rows by column name, with the framework's own parser (quoted fields, embedded commas).</summary>
    private static List<Dictionary<string, string>> Csv(string csv)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(csv)) { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            rows.Add(header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    private HttpClient Analyst()
    {
        var token = DevelopmentSigningKey.IssueToken(new IdentityOptions { SigningKey = platform.Host.SigningKey }, $"test-analyst-{Guid.NewGuid():N}", [Roles.PolicyAnalyst], null, TimeProvider.System);
        var client = new HttpClient { BaseAddress = platform.Host.Endpoint("insighthub") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
