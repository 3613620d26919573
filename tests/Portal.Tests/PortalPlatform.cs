using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ChampionNetwork.TestInfrastructure.Platform;
using Microsoft.Playwright;

namespace ChampionNetwork.Portal.Tests;

/// <summary>
/// The whole platform under the real AppHost (Aspire.Hosting.Testing, local servers), with the demo data seeded, and
/// Debian's Chromium driven headless by Playwright. Playwright's own browser download does not work here, so the
/// browser is /usr/bin/chromium (CHAMPION_TEST_CHROMIUM to use another); without it the tests fail, never skip.
/// </summary>
public sealed class PortalPlatform : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private PlatformHost? _host;
    private IPlaywright? _playwright;

    public PlatformHost Host => _host ?? throw new InvalidOperationException("The platform is not started.");

    public IBrowser Browser { get; private set; } = null!;

    public Uri Portal => Host.Endpoint("portal");

    /// <summary>Where each journey's screenshots go (one PNG per page visited), under the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHAMPION_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not at {chromium}: install it with `apt-get install chromium` (./test.sh does), or set CHAMPION_TEST_CHROMIUM.");
        }

        Directory.CreateDirectory(Screenshots);
        using var cancel = new CancellationTokenSource(StartTimeout * 2);
        _host = await PlatformHost.StartAsync(new PlatformHostOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["DemoSeed:Responses"] = "400",
                ["DemoSeed:SmallOrganisations"] = "6",
                ["DemoSeed:OpenCampaignResponses"] = "0",
                ["DemoSeed:OpenFor"] = "00:00:20",
            },
        }, cancel.Token);
        await _host.WaitUntilHealthyAsync(PlatformHostOptions.Resources, StartTimeout, cancel.Token);
        await _host.App.ResourceNotifications.WaitForResourceAsync("demo-seed", KnownResourceStates.Finished, cancel.Token).WaitAsync(StartTimeout, cancel.Token);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A new browser with no cookies: one person. <paramref name="javaScript"/> off proves a journey works without it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, object> NoScript = [];

    public static bool WithoutJavaScript(IPage page) => NoScript.TryGetValue(page.Context, out _);

    public async Task<IPage> NewPersonAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            AcceptDownloads = true,
            Locale = "en-GB",
        });
        if (!javaScript)
        {
            NoScript.Add(context, new object());
        }

        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalPlatform>
{
    public const string Name = "portal";
}
