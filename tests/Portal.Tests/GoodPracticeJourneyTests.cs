using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>
/// An organisation editor searches with filters and reads highlighted snippets (with and without JavaScript), shares a
/// practice after previewing its Markdown, and another organisation records "we adopted this".
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class GoodPracticeJourneyTests(PortalPlatform platform)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Search_with_filters_shows_highlighted_snippets_and_keeps_the_filters_across_pages(bool javaScript)
    {
        var page = await platform.NewPersonAsync(javaScript);
        var suffix = javaScript ? "" : "-nojs";
        await page.SignInAsync("org-editor", "S08000016");

        await page.GotoAsync("/practices");
        await page.FillAsync("#Q", "psychological");
        await page.ClickAsync("#search-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("Q=psychological"));
        var hits = page.Locator("#results .ds_search-result");
        Assert.True(await hits.CountAsync() >= 2, "the demo data has several practices about psychological support");
        // The matched word is marked in the snippets, and only the matched word.
        var marks = await page.Locator("#results mark").AllInnerTextsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.StartsWith("psycholog", m, StringComparison.OrdinalIgnoreCase));
        await page.AuditAsync($"search-1-results{suffix}");

        // A pillar filter narrows the same words: every result serves that pillar.
        var before = await hits.CountAsync();
        await page.SelectOptionAsync("#Pillar", "Nurture");
        await page.ClickAsync("button:has-text('Apply filters')");
        await page.WaitForURLAsync(new Regex("Pillar=Nurture"));
        Assert.Contains("Q=psychological", page.Url, StringComparison.Ordinal);
        var pillars = await page.Locator("#results .ds_metadata__item:has(dt:text-is('Pillars')) dd").AllInnerTextsAsync();
        Assert.NotEmpty(pillars);
        Assert.All(pillars, p => Assert.Contains("Nurture", p, StringComparison.Ordinal));
        Assert.True(pillars.Count <= before);
        await page.AuditAsync($"search-2-filtered{suffix}");

        // A typo still finds them (the spelling is corrected against the corpus's own words).
        await page.GotoAsync("/practices?Q=psycological");
        Assert.True(await hits.CountAsync() >= 1, "a misspelt search still finds practices");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_previews_and_shares_a_practice_and_another_organisation_adopts_it()
    {
        var title = $"Wellbeing walks at shift change {Guid.NewGuid():N}"[..44];
        var editor = await platform.NewPersonAsync();
        await editor.SignInAsync("org-editor", "S08000017");
        await editor.GotoAsync("/practices/share");
        await editor.AuditAsync("share-1-form");

        // Sent without a title or pillar, the form comes back naming both fields, each linked to its input.
        await editor.ClickAsync("button:has-text('Share this practice')");
        var errors = await editor.ErrorSummaryAsync();
        Assert.Contains(errors, e => e.StartsWith("Title", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Pillars", StringComparison.Ordinal));
        Assert.Equal("#Title", await editor.Locator(".ds_error-summary__list a:has-text('Title')").GetAttributeAsync("href"));
        await editor.AuditAsync("share-2-errors");

        await editor.FillAsync("#Title", title);
        await editor.FillAsync("#Summary", "Ten-minute walks outdoors as one shift hands over to the next, led by a different colleague each week.");
        await editor.FillAsync("#Body", "Staff said they wanted **fresh air** between shifts.\n\n- start small\n- keep it optional\n\n<script>alert(1)</script>");
        await editor.ClickAsync("button:has-text('Preview')");
        // The preview is the API's rendering: Markdown becomes HTML, a script becomes text, never a script.
        Assert.Equal("fresh air", await editor.Locator("#preview strong").InnerTextAsync());
        Assert.Equal(2, await editor.Locator("#preview li").CountAsync());
        Assert.Equal(0, await editor.Locator("#preview script").CountAsync());
        Assert.Equal(title, await editor.InputValueAsync("#Title"));
        await editor.AuditAsync("share-3-preview");

        await editor.ChooseAsync("pillar-Nurture");
        await editor.FillAsync("#Tags", "outdoors, breaks");
        await editor.ClickAsync("button:has-text('Share this practice')");
        await editor.WaitForURLAsync(new Regex(@"/practices/[0-9a-f-]{36}\?shared=1$"));
        Assert.Equal(title, await editor.Locator("h1").InnerTextAsync());
        Assert.Contains("Practice shared", await editor.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        // Its own organisation cannot adopt it.
        Assert.Equal(0, await editor.Locator("button:has-text('Record that we adopted this')").CountAsync());
        await editor.AuditAsync("share-4-shared");
        var practice = editor.Url.Split('?')[0];

        var adopter = await platform.NewPersonAsync(javaScript: false);
        await adopter.SignInAsync("org-editor", "S08000019");
        await adopter.GotoAsync(practice);
        await adopter.FillAsync("#Note", "Started on two wards in November.");
        await adopter.FillAsync("#AdoptedOn", "2026-11-30");
        await adopter.ClickAsync("button:has-text('Record that we adopted this')");
        await adopter.WaitForURLAsync(new Regex(@"\?adopted=1$"));
        var adopters = await adopter.Locator("#adopters li").AllInnerTextsAsync();
        var adopted = Assert.Single(adopters);
        Assert.Contains("Forth Valley", adopted, StringComparison.Ordinal);
        Assert.Contains("Started on two wards in November.", adopted, StringComparison.Ordinal);
        Assert.Contains("Adopted by 1 organisation", await adopter.Locator("#adopted-by").InnerTextAsync(), StringComparison.Ordinal);
        await adopter.AuditAsync("share-5-adopted");

        // Found by search under its own words, with the adoption counted.
        await adopter.GotoAsync($"/practices?Q={Uri.EscapeDataString("wellbeing walks shift")}&Sort=newest");
        var hit = adopter.Locator("#results .ds_search-result", new PageLocatorOptions { HasText = title });
        Assert.Contains("1 organisation", await hit.InnerTextAsync(), StringComparison.Ordinal);
        await editor.Context.CloseAsync();
        await adopter.Context.CloseAsync();
    }
}
