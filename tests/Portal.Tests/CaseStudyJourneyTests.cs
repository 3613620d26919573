using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>
/// An author drafts a case study that quotes a person, cannot submit it until that person's consent is recorded, and
/// submits; a reviewer rejects it with a note, approves it when it comes back, and publishes it; the public page shows
/// it with its names-changed note, and, once withdrawn, under the withdrawal banner with the explanation.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class CaseStudyJourneyTests(PortalPlatform platform)
{
    [Fact]
    public async Task An_author_drafts_and_submits_with_consent_a_reviewer_rejects_then_approves_and_publishes_and_the_withdrawn_page_shows_its_banner()
    {
        var title = $"Protected breaks on night shifts {Guid.NewGuid():N}"[..42];
        var author = await platform.NewPersonAsync();
        await author.SignInAsync("org-editor", "S08000015");
        await author.GotoAsync("/case-studies/new");
        await author.AuditAsync("casestudy-1-new");
        await author.FillAsync("#Title", title);
        await author.FillAsync("#Summary", "Night staff on two wards now take a protected twenty-minute break, covered by a floating colleague.");
        await author.FillAsync("#Body", "\"I finally get to eat,\" says **Aileen**, a charge nurse.\n\nBreaks are logged on the ward board.");
        await author.ChooseAsync("pillar-Nurture");
        await author.ChooseAsync("NamesChanged");
        await author.FillAsync("#People_0__ShownAs", "Aileen");
        await author.FillAsync("#People_0__Role", "Charge nurse");
        await author.FillAsync("#People_0__Key", "aileen");
        await author.ChooseAsync("People_0__NameChanged");
        await author.ClickAsync("button:has-text('Save the draft')");
        await author.WaitForURLAsync(new Regex(@"/case-studies/manage/[0-9a-f-]{36}\?done=created$"));
        var manage = author.Url.Split('?')[0];
        Assert.Equal("Draft", await author.Locator("#state-1").InnerTextAsync());
        await author.AuditAsync("casestudy-2-draft");

        // Submitting without Aileen's consent is refused, and the page says why.
        await author.ClickAsync("#do-submit-1");
        var errors = await author.ErrorSummaryAsync();
        Assert.Contains(errors, e => e.Contains("consent", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Draft", await author.Locator("#state-1").InnerTextAsync());

        // Consent without its date is refused, naming the field, and keeps what was typed.
        await author.FillAsync("#consent-aileen-givenBy", "Aileen");
        await author.ChooseAsync("consent-aileen-publication");
        await author.ClickAsync("button:has-text('Record consent')");
        // The page already shows the submit's error summary: wait for the consent form's own entry.
        await author.Locator(".ds_error-summary__list li", new() { HasTextString = "Date consent was given" }).WaitForAsync();
        Assert.Single(await author.ErrorSummaryAsync());
        Assert.Equal("Aileen", await author.Locator("#consent-aileen-givenBy").InputValueAsync());
        Assert.True(await author.Locator("#consent-aileen-publication").IsCheckedAsync(), "the ticked use stays ticked");
        await author.FillAsync("#consent-aileen-givenAt", "2026-11-20");
        await author.ClickAsync("button:has-text('Record consent')");
        await author.WaitForURLAsync(new Regex(@"\?done=consent$"));
        Assert.Contains("Given", await author.Locator("#consent-1").InnerTextAsync(), StringComparison.Ordinal);
        await author.ClickAsync("#do-submit-1");
        await author.WaitForURLAsync(new Regex(@"\?done=submit$"));
        Assert.Equal("Submitted", await author.Locator("#state-1").InnerTextAsync());
        // An author never approves their own case study: the page does not offer it.
        Assert.Equal(0, await author.Locator("#do-approve-1").CountAsync());
        await author.AuditAsync("casestudy-3-submitted");

        var reviewer = await platform.NewPersonAsync();
        await reviewer.SignInAsync("reviewer");
        await reviewer.GotoAsync(manage);
        await reviewer.FillAsync("#command-reject", "Please say which wards, and since when.");
        await reviewer.ClickAsync("#do-reject-1");
        await reviewer.WaitForURLAsync(new Regex(@"\?done=reject$"));
        Assert.Equal("Rejected", await reviewer.Locator("#state-1").InnerTextAsync());

        await author.GotoAsync(manage);
        Assert.Equal("Please say which wards, and since when.", await author.Locator("#rejection-1").InnerTextAsync());
        await author.ClickAsync("#do-submit-1");
        await author.WaitForURLAsync(new Regex(@"\?done=submit$"));

        await reviewer.GotoAsync(manage);
        await reviewer.ClickAsync("#do-approve-1");
        await reviewer.WaitForURLAsync(new Regex(@"\?done=approve$"));
        await reviewer.AuditAsync("casestudy-4-approved");
        await reviewer.ClickAsync("#do-publish-1");
        await reviewer.WaitForURLAsync(new Regex(@"\?done=publish$"));
        Assert.Equal("Published", await reviewer.Locator("#state-1").InnerTextAsync());
        Assert.Contains("publish", await reviewer.Locator("#history-table").InnerTextAsync(), StringComparison.Ordinal);

        var reader = await platform.NewPersonAsync(javaScript: false);
        await reader.GotoAsync("/case-studies");
        await reader.ClickAsync($"a:has-text('{title}')");
        await reader.WaitForURLAsync(new Regex("/case-studies/[a-z0-9-]+$"));
        var page = reader.Url;
        Assert.Equal(title, await reader.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await reader.Locator("#names-changed").CountAsync());
        Assert.Equal(0, await reader.Locator("#withdrawn").CountAsync());
        Assert.Equal("Aileen", await reader.Locator(".portal_body strong").InnerTextAsync());
        await reader.AuditAsync("casestudy-5-public");

        await reviewer.FillAsync("#command-withdraw", "The wards have since merged; a new case study will follow.");
        await reviewer.ClickAsync("#do-withdraw-1");
        await reviewer.WaitForURLAsync(new Regex(@"\?done=withdraw$"));

        await reader.GotoAsync(page);
        Assert.Contains("The wards have since merged", await reader.Locator("#withdrawn").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(title, await reader.Locator("h1").InnerTextAsync());
        await reader.AuditAsync("casestudy-6-withdrawn");
        var open = await platform.NewPersonAsync();
        await open.GotoAsync(page);
        await open.AuditAsync("casestudy-6-withdrawn");
        foreach (var person in new[] { author, reviewer, reader, open })
        {
            await person.Context.CloseAsync();
        }
    }
}
