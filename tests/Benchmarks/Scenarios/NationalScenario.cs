using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.Identity;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>national [submissions]</c>: a national campaign. At least 400,000 submissions (the default) posted over HTTP to
/// the demo campaign by 32 concurrent champions, spread round-robin over every organisation in the reference data
/// (boards' own staff and national bodies too), on the Release platform with releases and publications every second.
/// Per block of 50,000: the accepted rate, CPU ms per submission (all platform processes), the area grains' state in
/// bytes as Redis holds it (largest organisation, largest board, Scotland) and the bytes Redis received per second.
/// At the end Scotland's published count is compared with the number accepted.
/// </summary>
internal static class NationalScenario
{
    public const int Block = 50_000;
    private const int Concurrency = 32;
    private const long StateLimit = 64 * 1024;

    public static async Task RunAsync(Report report, int submissions, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(BenchmarkPlatform.Settings) { ["AppHost:Cadence"] = "00:00:01" };
        Console.WriteLine($"national: starting the platform (AppHost, Release, cadence 1 s) for {submissions:N0} submissions …");
        await using var platform = await BenchmarkPlatform.StartAsync(settings, cancellationToken);
        var redisConnection = await platform.RedisAsync(cancellationToken);
        await using var redis = await RedisGrainState.ConnectAsync(redisConnection, serviceId: "championnetwork");
        var identity = new IdentityOptions { SigningKey = platform.SigningKey };
        var organisations = AreaRegistry.Default.All.Where(a => a.Type != AreaType.Country).Select(a => a.Code.Value).ToArray();
        var url = new Uri(platform.Endpoint("surveys-api"), $"/api/campaigns/{SampleInsight.Campaign}/responses");
        using var client = Champions.Client();
        using var feed = new ScotlandFeed(platform.Endpoint("insighthub"), DevelopmentSigningKey.IssueToken(identity, "bench-analyst", [Roles.PolicyAnalyst], null, TimeProvider.System, TimeSpan.FromHours(6)));
        var usage = await ResourceUsage.StartAsync(platform, cancellationToken);

        var blocks = new List<BlockResult>();
        var accepted = 0L;
        for (var start = 0; start < submissions; start += Block)
        {
            var count = Math.Min(Block, submissions - start);
            // Tokens and bodies are made before the clock starts: the client's work is not the platform's.
            var requests = Enumerable.Range(start, count).Select(i => Submission(identity, organisations, i)).ToArray();
            var cpu = usage.CpuMillisecondsSinceStart();
            var redisIn = await redis.BytesReceivedAsync();
            var clock = Stopwatch.StartNew();
            var (ok, rejected) = await PostAllAsync(client, url, requests, cancellationToken);
            var elapsed = clock.Elapsed;
            var redisPerSecond = (await redis.BytesReceivedAsync() - redisIn) / elapsed.TotalSeconds;
            var cpuPerSubmission = (usage.CpuMillisecondsSinceStart() - cpu) / Math.Max(1, ok);
            accepted += ok;
            var state = await redis.AreaStateBytesAsync();
            var block = new BlockResult(start + count, ok / elapsed.TotalSeconds, cpuPerSubmission, redisPerSecond,
                Max(state, a => a.Type is AreaType.Hscp or AreaType.Council or AreaType.NationalBody, direct: true),
                Max(state, a => a.Type == AreaType.Board, direct: false),
                state.GetValueOrDefault(AreaCode.Scotland.Value));
            blocks.Add(block);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  national: {block.Submitted,7:N0} sent, {ok:N0} accepted ({rejected} not) at {block.Rate:N0}/s, {block.CpuMs:N2} CPU ms/sub, Redis in {block.RedisBytesPerSecond / 1024:N0} KiB/s, state bytes org max {block.OrganisationMax:N0}, board max {block.BoardMax:N0}, Scotland {block.Scotland:N0}"));
        }

        // Every accepted response is released within a second and counted; the feed publishes every second.
        long counted;
        var settle = Stopwatch.StartNew();
        while ((counted = await feed.CountAsync(cancellationToken)) < accepted && settle.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        counted = await feed.CountAsync(cancellationToken);
        var final = await redis.AreaStateBytesAsync();
        Console.WriteLine($"  national: Scotland counts {counted:N0} of {accepted:N0} accepted ({settle.Elapsed.TotalSeconds:N0} s after the last post)");

        foreach (var block in blocks)
        {
            var name = $"{block.Submitted - Block + 1:N0}–{block.Submitted:N0}";
            report.Add(new ResultRow("national", $"{name}: accepted rate", "sub/s", One(block.Rate)));
            report.Add(new ResultRow("national", $"{name}: CPU per submission, all processes", "CPU ms", One(block.CpuMs)));
            report.Add(new ResultRow("national", $"{name}: Redis bytes received", "KiB/s", One(block.RedisBytesPerSecond / 1024)));
            report.Add(new ResultRow("national", $"{name}: grain state, largest organisation", "bytes", One(block.OrganisationMax)));
            report.Add(new ResultRow("national", $"{name}: grain state, largest board", "bytes", One(block.BoardMax), Goal: "≤ 64 KiB", Met: block.BoardMax <= StateLimit));
            report.Add(new ResultRow("national", $"{name}: grain state, Scotland", "bytes", One(block.Scotland), Goal: "≤ 64 KiB", Met: block.Scotland <= StateLimit));
        }

        if (blocks.Count > 1)
        {
            report.Add(new ResultRow("national", "last block's accepted rate over the first's", "sub/s", One(blocks[^1].Rate), One(blocks[0].Rate), "≥ 0.9", blocks[^1].Rate >= 0.9 * blocks[0].Rate));
        }

        report.Add(new ResultRow("national", "Scotland's published count / accepted", "count", One(counted), One(accepted), "equal", counted == accepted));
        report.Add(new ResultRow("national", "grain state at the end, largest organisation (bound: figures + fewer than 512 ids, InsightHub:Batching:IdsPerChunk)", "bytes",
            One(Max(final, a => a.Type is AreaType.Hscp or AreaType.Council or AreaType.NationalBody, direct: true))));
        report.AddExtra("national.accepted", accepted);
        report.AddExtra("national.scotland_count", counted);
    }

    private static Measured One(double value) => Measured.Of([value]);

    private static long Max(IReadOnlyDictionary<string, long> state, Func<Area, bool> level, bool direct) =>
        state.Where(s => direct && s.Key.EndsWith("/direct", StringComparison.Ordinal)
                || (AreaRegistry.Default.TryResolve(s.Key, out var area) && level(area)))
            .Select(s => s.Value).DefaultIfEmpty(0).Max();

    private static (string Token, string Body) Submission(IdentityOptions identity, string[] organisations, int i)
    {
        var organisation = organisations[i % organisations.Length];
        var token = DevelopmentSigningKey.IssueToken(identity, $"national-champion-{i}", [Roles.Champion], organisation, TimeProvider.System, TimeSpan.FromHours(6));
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{ "organisationCode": "{{organisation}}", "answers": [{"itemId":"valued","value":{{1 + (i % 5)}}},{"itemId":"workload","value":{{1 + (i / 5 % 5)}}},{"itemId":"support","value":{{1 + (i / 25 % 5)}}}] }""");
        return (token, body);
    }

    private static async Task<(int Accepted, int Rejected)> PostAllAsync(HttpClient client, Uri url, (string Token, string Body)[] requests, CancellationToken cancellationToken)
    {
        var next = -1;
        var accepted = 0;
        var rejected = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Length)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(requests[i].Body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", requests[i].Token);
                using var response = await client.SendAsync(request, cancellationToken);
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Accepted ? ref accepted : ref rejected);
            }
        }));
        return (accepted, rejected);
    }

    private sealed record BlockResult(int Submitted, double Rate, double CpuMs, double RedisBytesPerSecond, long OrganisationMax, long BoardMax, long Scotland);
}
