using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>What every journey does on every page: check it with axe-core, save a screenshot, and sign in as a role.</summary>
public static class Journey
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

    /// <summary>
    /// axe-core with the WCAG 2.2 AA tags: no serious or critical violation may be on the page. Then a screenshot
    /// named <paramref name="name"/>.png.
    /// </summary>
    public static async Task AuditAsync(this IPage page, string name)
    {
        // axe-core is a script: in a page with JavaScript off, Playwright's evaluate never returns. The same pages are
        // audited in each journey's JavaScript run (the HTML is server-rendered, the same either way).
        if (PortalPlatform.WithoutJavaScript(page))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalPlatform.Screenshots, $"{name}.png"), FullPage = false });
            return;
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } }).WaitAsync(TimeSpan.FromSeconds(90));
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name} ({page.Url}) has accessibility violations:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalPlatform.Screenshots, $"{name}.png"), FullPage = false });
    }

    /// <summary>Signs in through the portal's development sign-in page, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, string role, string? organisation = null)
    {
        await page.GotoAsync("/sign-in");
        await page.ChooseAsync($"role-{role}");
        if (organisation is not null)
        {
            await page.SelectOptionAsync("#Organisation", organisation);
        }

        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>
    /// Ticks a design-system radio or checkbox by clicking its label, as a person does: the styled label covers the
    /// input, so Playwright's own check would be refused as an intercepted click.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string inputId)
    {
        await page.Locator($"label[for='{inputId}']").ClickAsync();
        Assert.True(await page.Locator($"[id='{inputId}']").IsCheckedAsync(), $"{inputId} is ticked after clicking its label");
    }

    /// <summary>The error summary's entries, as a person reads them.</summary>
    /// <remarks>Waits for the summary first: a form posted back to its own address gives no new URL to wait for.</remarks>
    public static async Task<IReadOnlyList<string>> ErrorSummaryAsync(this IPage page)
    {
        await page.Locator(".ds_error-summary").WaitForAsync();
        return await page.Locator(".ds_error-summary__list li").AllInnerTextsAsync();
    }
}
