using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>
/// A champion answers the open survey in the browser: every item kind in its design-system pattern, the error summary
/// naming the question left unanswered, the receipt, and the plain-language anonymity page. With and without JavaScript.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class ChampionJourneyTests(PortalPlatform platform)
{
    // The demo's open campaign invites the boards first (the seeder's documented order); Ayrshire and Arran is one.
    private const string Organisation = "S08000015";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_champion_answers_the_open_survey_and_gets_a_receipt(bool javaScript)
    {
        var page = await platform.NewPersonAsync(javaScript);
        var suffix = javaScript ? "" : "-nojs";
        await page.SignInAsync("champion", Organisation);

        await page.GotoAsync("/surveys");
        await page.AuditAsync($"champion-1-surveys{suffix}");
        await page.Locator("main a[href^='/surveys/']").First.ClickAsync();
        await page.AuditAsync($"champion-2-questions{suffix}");

        // Each kind in its pattern: radios for Likert and choice, a 0-10 scale of radios, a textarea with a character count.
        Assert.True(await page.Locator("input.ds_radio__input[type=radio]").CountAsync() >= 5, "the questions offer radios");

        // Sent empty, the form comes back with the error summary naming every required question, each linking to it.
        await page.ClickAsync("button:has-text('Send my answers')");
        var errors = await page.ErrorSummaryAsync();
        // A board's champion is also asked which organisation they answer for; the three required questions are named.
        Assert.Contains("Choose the organisation you are answering for.", errors);
        Assert.Equal(3, errors.Count(e => QuestionNumber().IsMatch(e)));
        var firstLink = await page.Locator(".ds_error-summary__list a").First.GetAttributeAsync("href");
        Assert.Equal(1, await page.Locator(firstLink!).CountAsync());
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await page.AuditAsync($"champion-3-errors{suffix}");

        // A board's champion answers for the board or one of the organisations within it: the board, here.
        Assert.True(await page.Locator("input[name=OrganisationCode]").CountAsync() > 1, "a board's champion chooses the organisation answered for");
        await page.ChooseAsync($"org-{Organisation}");

        // Answer every question: the second option of each group of radios, and a line of text in each textarea.
        var groups = await page.Locator("main form .ds_field-group:has(input[type=radio][name^='Answers'])").AllAsync();
        foreach (var group in groups)
        {
            await page.ChooseAsync((await group.Locator("input[type=radio]").Nth(1).GetAttributeAsync("id"))!);
        }

        foreach (var text in await page.Locator("main form textarea").AllAsync())
        {
            await text.FillAsync("More protected time for breaks would help the whole team.");
        }

        await page.ClickAsync("button:has-text('Send my answers')");
        await page.WaitForURLAsync(new Regex("/receipt$"));
        var receipt = await page.Locator("#receipt").InnerTextAsync();
        Assert.Matches(ReceiptNumber(), receipt);
        await page.AuditAsync($"champion-4-receipt{suffix}");

        // The receipt is shown once: read again, the page says it is not kept.
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#receipt").CountAsync());

        await page.GotoAsync("/anonymity");
        Assert.Contains("cannot be traced back to you", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AuditAsync($"champion-5-anonymity{suffix}");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^Question \d+", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionNumber();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReceiptNumber();
}
