using System.Text.RegularExpressions;

namespace ChampionNetwork.Portal.Tests;

/// <summary>A policy analyst subscribes, reads the delivery log, sends a test ping and sees it logged; another analyst cannot see it.</summary>
[Collection(PortalCollection.Name)]
public sealed class SubscriptionJourneyTests(PortalPlatform platform)
{
    [Fact]
    public async Task An_analyst_subscribes_pings_and_reads_the_delivery_log_and_another_analyst_cannot_open_it()
    {
        var analyst = await platform.NewPersonAsync();
        await analyst.SignInAsync("policy-analyst");
        await analyst.GotoAsync("/subscriptions");
        await analyst.AuditAsync("subscriptions-1-new");

        // An e-mail subscription without an address is refused, naming the field.
        await analyst.FillAsync("#Name", "Ayrshire weekly");
        await analyst.ClickAsync("button:has-text('Subscribe')");
        Assert.Contains(await analyst.ErrorSummaryAsync(), e => e.StartsWith("E-mail address", StringComparison.Ordinal));

        await analyst.FillAsync("#Email", "policy.team@gov.scot.example");
        await analyst.ChooseAsync("cadence-weekly");
        await analyst.SelectOptionAsync("#Area", "S08000015");
        await analyst.ChooseAsync("kind-campaign-closed");
        await analyst.ClickAsync("button:has-text('Subscribe')");
        await analyst.WaitForURLAsync(new Regex(@"/subscriptions/[0-9a-f-]{36}\?created=1$"));
        var subscription = analyst.Url.Split('?')[0];
        Assert.Equal("active", await analyst.Locator("#status").InnerTextAsync());
        await analyst.AuditAsync("subscriptions-2-created");

        await analyst.ClickAsync("button:has-text('Send a test ping')");
        await analyst.WaitForURLAsync(new Regex(@"\?queued=ping$"));
        await analyst.GotoAsync(subscription);
        Assert.Contains("ping", await analyst.Locator("#deliveries-table").InnerTextAsync(), StringComparison.Ordinal);
        await analyst.AuditAsync("subscriptions-3-log");

        var other = await platform.NewPersonAsync();
        await other.SignInAsync("policy-analyst");
        var response = await other.GotoAsync(subscription);
        Assert.Equal(404, response!.Status);
        await other.GotoAsync("/subscriptions");
        Assert.Equal(0, await other.Locator("#subscriptions").CountAsync());
        await analyst.Context.CloseAsync();
        await other.Context.CloseAsync();
    }
}
