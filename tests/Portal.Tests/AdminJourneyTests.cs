using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChampionNetwork.Portal.Tests;

/// <summary>An admin publishes an instrument version with every item kind and schedules a campaign of it.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class AdminJourneyTests(PortalPlatform platform)
{
    [Fact]
    public async Task An_admin_publishes_an_instrument_and_schedules_a_campaign()
    {
        var title = $"Pulse {Guid.NewGuid():N}"[..14];
        var page = await platform.NewPersonAsync();
        await page.SignInAsync("admin");
        await page.GotoAsync("/admin");
        await page.ClickAsync("a:has-text('Publish a survey instrument')");
        await page.FillAsync("#Title", title);
        await FillQuestionAsync(page, 0, "I feel safe to speak up", "speak-up", "Likert", "Nurture", "NURTURE-S1", required: true);
        await FillQuestionAsync(page, 1, "Which best describes your shift pattern?", "shifts", "SingleChoice", "Employ", "EMPLOY-S1", required: false, options: "Days\nNights\nRotating");
        await FillQuestionAsync(page, 2, "Anything else?", "else", "FreeText", "Nurture", "NURTURE-S3", required: false);
        // A fourth question, added without JavaScript: the form posts back with one more row, keeping what was typed.
        await page.ClickAsync("button:has-text('Add another question')");
        await page.Locator("#Questions_3__Text").WaitForAsync();
        Assert.Equal(4, await page.Locator("fieldset legend:text-matches('^Question \\\\d+$')").CountAsync());
        Assert.Equal("speak-up", await page.InputValueAsync("#Questions_0__Id"));
        await FillQuestionAsync(page, 3, "How likely are you to stay another year? (0 to 10)", "stay", "Scale", "Employ", "EMPLOY-S1", required: false);
        await page.AuditAsync("admin-1-instrument");

        // An unknown outcome code is the API's error, shown against the question that has it.
        await page.FillAsync("#Questions_3__OutcomeCodes", "EMPLOY-S99");
        await page.ClickAsync("button:has-text('Publish version 1')");
        Assert.Contains(await page.ErrorSummaryAsync(), e => e.StartsWith("Question 4", StringComparison.Ordinal));
        await page.AuditAsync("admin-2-instrument-errors");
        await page.FillAsync("#Questions_3__OutcomeCodes", "EMPLOY-S1");
        // The first attempt created the instrument; publishing again adds version 1 to it, not a second instrument.
        await page.ClickAsync("button:has-text('Publish version 1')");
        await page.WaitForURLAsync(new Regex("/admin/campaigns/new"));
        Assert.Contains("Instrument published", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        var opens = DateTime.UtcNow.AddDays(1);
        await page.FillAsync("#Title", $"{title} campaign");
        await page.FillAsync("#OpensAt", opens.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#ClosesAt", opens.AddDays(14).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#Invitations_0__OrganisationCode", "S08000015");
        await page.FillAsync("#Invitations_0__EligibleHeadcount", "1200");
        await page.SelectOptionAsync("#Invitations_1__OrganisationCode", "S37000008");
        await page.FillAsync("#Invitations_1__EligibleHeadcount", "400");
        await page.AuditAsync("admin-3-campaign");
        await page.ClickAsync("button:has-text('Schedule the campaign')");
        await page.WaitForSelectorAsync("#scheduled");

        // Surveys has it: scheduled, of the new instrument's version 1, for the two organisations.
        using var surveys = new HttpClient { BaseAddress = platform.Host.Endpoint("surveys-api") };
        var token = ChampionNetwork.Identity.DevelopmentSigningKey.IssueToken(
            new ChampionNetwork.Identity.IdentityOptions { SigningKey = platform.Host.SigningKey }, "test-admin", [ChampionNetwork.Identity.Roles.Admin], null, TimeProvider.System);
        surveys.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var instruments = await surveys.GetFromJsonAsync<JsonArray>("/api/instruments", CancellationToken.None) ?? throw new InvalidOperationException();
        Assert.Single(instruments, i => i?["title"]?.GetValue<string>() == title);
        var campaigns = await surveys.GetFromJsonAsync<JsonArray>("/api/campaigns?status=scheduled", CancellationToken.None) ?? throw new InvalidOperationException();
        var campaign = Assert.Single(campaigns, c => c?["title"]?.GetValue<string>() == $"{title} campaign");
        Assert.Equal(1, campaign!["instrumentVersion"]!.GetValue<int>());
        Assert.Equal(2, campaign["organisations"]!.GetValue<int>());
        Assert.Equal(1600, campaign["eligibleHeadcount"]!.GetValue<int>());
        await page.AuditAsync("admin-4-scheduled");
        await page.Context.CloseAsync();
    }

    private static async Task FillQuestionAsync(Microsoft.Playwright.IPage page, int row, string text, string id, string kind, string pillar, string outcomes, bool required, string? options = null)
    {
        await page.FillAsync($"#Questions_{row}__Text", text);
        await page.FillAsync($"#Questions_{row}__Id", id);
        await page.SelectOptionAsync($"#Questions_{row}__Kind", kind);
        await page.SelectOptionAsync($"#Questions_{row}__Pillar", pillar);
        await page.FillAsync($"#Questions_{row}__OutcomeCodes", outcomes);
        if (options is not null)
        {
            await page.FillAsync($"#Questions_{row}__Options", options);
        }

        if (required)
        {
            await page.ChooseAsync($"Questions_{row}__Required");
        }
    }
}
