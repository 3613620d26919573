using ChampionNetwork.ReferenceData;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.DemoSeed;

/// <summary>
/// On a fresh platform: the demo good practice (shared, adopted, endorsed); the demo case studies (one withdrawn); a demo campaign over 40 organisations, about 1,500 responses to it, and its close; a few
/// responses to the open demo campaign; then it waits until Scotland's feed shows the closed campaign, and exits 0.
/// </summary>
public sealed partial class DemoSeeder(
    SurveysClient surveys,
    GoodPractice.GoodPracticeSeeder goodPractice,
    CaseStudies.CaseStudiesSeeder caseStudies,
    FeedsClient feeds,
    ChampionTokens tokens,
    IOptions<DemoSeedOptions> settings,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    private const string Scotland = "S92000003";
    private readonly DemoSeedOptions _options = settings.Value;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!_options.Enabled)
        {
            return 0;
        }

        if (_options.MarkerFile is { } marker && File.Exists(marker))
        {
            LogAlreadySeeded(marker);
            return 0;
        }

        await goodPractice.SeedAsync(ct);
        await caseStudies.SeedAsync(ct);
        var plan = new DemoResponses(_options);
        var organisations = plan.Organisations(AreaRegistry.Default);
        var now = clock.GetUtcNow();
        var admin = tokens.Admin();
        var campaign = await surveys.CreateCampaignAsync(admin, new
        {
            title = $"Demo: autumn wellbeing pulse {now:yyyy}",
            instrumentId = _options.Instrument,
            instrumentVersion = 1,
            opensAt = now.AddMinutes(-1),
            closesAt = now + _options.OpenFor,
            organisations = organisations.Select(o => new { organisationCode = o.Code.Value, eligibleHeadcount = o.Type == AreaType.Board ? 8000 : 1500 }),
        }, ct);
        await WaitForStatusAsync(admin, campaign, "Open", ct);

        var sent = await SendAsync(campaign, plan.Plan(organisations), ct);
        var open = await SendAsync(_options.OpenCampaign, SpreadOver(organisations, _options.OpenCampaignResponses), ct);
        LogSent(sent, campaign, open, _options.OpenCampaign);

        await WaitForStatusAsync(admin, campaign, "Closed", ct);
        var analyst = tokens.Analyst();
        while (await feeds.ResponsesAsync(analyst, Scotland, campaign, ct) is not > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }

        if (_options.MarkerFile is { } done)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(done)!);
            await File.WriteAllTextAsync(done, $"{campaign}\n", ct);
        }

        LogDone(campaign);
        return 0;
    }

    private async Task<int> SendAsync(Guid campaign, IReadOnlyList<(Area Organisation, int Responses)> plan, CancellationToken ct)
    {
        var random = new Random(_options.Seed);
        var work = plan
            .SelectMany(p =>
            {
                var mood = 2.4 + (random.NextDouble() * 1.9);
                return Enumerable.Range(0, p.Responses).Select(_ => (p.Organisation.Code.Value, Answers: DemoResponses.Answers(random, mood)));
            })
            .OrderBy(_ => random.Next())
            .ToList();
        var accepted = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct }, async (item, token) =>
        {
            if (await surveys.SubmitAsync(tokens.NewChampion(item.Value), campaign, item.Value, item.Answers, token))
            {
                Interlocked.Increment(ref accepted);
            }
        });
        return accepted;
    }

    private static List<(Area, int)> SpreadOver(IReadOnlyList<Area> organisations, int responses) =>
        [.. organisations.Take(4).Select((o, i) => (o, (responses / 4) + (i < responses % 4 ? 1 : 0)))];

    private async Task WaitForStatusAsync(string token, Guid campaign, string status, CancellationToken ct)
    {
        while (!string.Equals(await surveys.StatusAsync(token, campaign, ct), status, StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already seeded ({Marker} exists)")]
    private partial void LogAlreadySeeded(string marker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Closed} responses to campaign {Campaign} and {Open} to the open campaign {OpenCampaign}")]
    private partial void LogSent(int closed, Guid campaign, int open, Guid openCampaign);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {Campaign} closed and its figures are in the feeds")]
    private partial void LogDone(Guid campaign);
}
