using System.Diagnostics;
using System.Net.Http.Headers;
using Aspire.Hosting.Testing;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.TestInfrastructure.Platform;
using Npgsql;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>search</c>: p99 of GoodPractice search over 100,000 generated practices at 16 concurrent readers, a mix of word,
/// misspelt, filtered and filter-only searches, over B-http: goodpractice-api's own <c>/alive</c> at the same concurrency.
/// The practices are written straight into goodpracticedb (the API would take hours): titles from a vocabulary of the
/// domain; summaries and bodies mostly filler words (one of 20,000) with domain words among them, so that a domain word
/// appears in some practices, not all. The generated search columns and indexes are PostgreSQL's own.
/// </summary>
internal static class SearchScenario
{
    public const int Practices = 100_000;
    public const int Concurrency = 16;
    public static readonly TimeSpan RunFor = TimeSpan.FromSeconds(3);

    private static readonly string[] Queries =
    [
        "q=peer support",
        "q=reflective practice for newly qualified nurses",
        "q=pyschological first aid",
        "q=trauma training&pillar=Train",
        "q=international recruitment&sort=newest",
        "q=wellbeing champions&area=S08000030",
        "pillar=Nurture&outcome=NURTURE-S3",
        "area=S08000024&sort=adopted",
        "q=suicide prevention&limit=20",
        "tag=retention",
    ];

    private static readonly string[] Vocabulary =
    [
        "peer", "support", "nurse", "nurses", "nursing", "reflective", "practice", "newly", "qualified", "trauma", "training",
        "wellbeing", "champion", "champions", "recruitment", "international", "retention", "supervision", "clinical", "psychological",
        "first", "aid", "resilience", "emergency", "services", "staff", "volunteers", "carers", "suicide", "prevention", "schools",
        "teachers", "children", "young", "people", "primary", "care", "referral", "self-referral", "link", "workers", "distress",
        "brief", "intervention", "community", "partnership", "board", "workforce", "planning", "data", "evaluation", "leadership",
        "coaching", "mentoring", "rural", "remote", "island", "digital", "learning", "education", "programme", "pathway",
        "students", "university", "apprenticeship", "career", "progression", "values", "compassion", "kindness", "team", "huddle",
        "workload", "safe", "staffing", "rest", "space", "break", "sleep", "shift", "night", "flexible", "working", "hours",
        "family", "friendly", "policy", "fair", "work", "pay", "reward", "recognition", "feedback", "survey", "listening", "voice",
        "inclusion", "diversity", "equality", "lived", "experience", "recovery", "mental", "health", "physical", "activity",
        "walking", "meetings", "mindfulness", "counselling", "occupational", "psychology", "service", "hub", "telephone", "online",
    ];

    private static readonly string[] Organisations =
        ["S08000015", "S08000020", "S08000022", "S08000024", "S08000029", "S08000030", "S08000031", "S37000003", "S37000007", "S37000012", "S37000032", "S12000042", "NB-NES", "NB-NHS24", "NB-SAS"];

    private static readonly string[] Outcomes = ["PLAN-S1", "ATTRACT-S1", "ATTRACT-S4", "TRAIN-S1", "TRAIN-S3", "EMPLOY-S1", "EMPLOY-M4", "NURTURE-S2", "NURTURE-S3", "NURTURE-S4"];

    public static async Task RunAsync(Report report, PlatformHost platform, Champions champions, CancellationToken cancellationToken)
    {
        var database = await platform.App.GetConnectionStringAsync("goodpracticedb", cancellationToken)
            ?? throw new InvalidOperationException("goodpracticedb has no connection string.");
        var generation = Stopwatch.StartNew();
        await GenerateAsync(database, cancellationToken);
        Console.WriteLine($"Generated {Practices:N0} practices in {generation.Elapsed.TotalSeconds:N0} s.");

        var api = platform.Endpoint("goodpractice-api");
        var member = champions.Analyst();
        using var client = Champions.Client();
        var (bhttp, bhttpP99, _) = await MeasureAsync(client, [new Uri(api, "/alive")], null, cancellationToken);
        report.Add(new ResultRow("search", $"B-http /alive ({Concurrency} concurrent)", "req/s", bhttp));
        report.Add(new ResultRow("search", "B-http /alive p99", "ms", bhttpP99));
        var searches = Queries.Select(q => new Uri(api, $"/api/practices?{q}")).ToArray();
        var (throughput, p99, cpu) = await MeasureSearchesAsync(platform, client, searches, member, cancellationToken);
        report.Add(new ResultRow("search", $"search over {Practices:N0} practices ({Concurrency} concurrent)", "req/s", throughput, bhttp));
        report.Add(new ResultRow("search", "search p99", "ms", p99, bhttpP99, "≤ 3× B-http p99", p99.Median <= 3 * bhttpP99.Median));
        AddCpuRows(report, cpu, "");

        // Answers are reused until a practice changes. While one changes every 100 ms (far busier than the Network)
        // they are retired ten times a second; every 2 ms, hardly one is reused, which is what searching itself costs.
        foreach (var every in ChangeEvery)
        {
            long changes;
            await using (var changer = PracticeChanges.Start(database, every, cancellationToken))
            {
                (throughput, p99, cpu) = await MeasureSearchesAsync(platform, client, searches, member, cancellationToken);
                changes = await changer.StopAsync();
            }

            var name = $"a practice changing every {every.TotalMilliseconds:N0} ms";
            report.Add(new ResultRow("search", $"search, {name}", "req/s", throughput, bhttp));
            report.Add(new ResultRow("search", $"search p99, {name}", "ms", p99, bhttpP99));
            report.Add(new ResultRow("search", $"changes made, {name}", "changes", Measured.Of([changes])));
            AddCpuRows(report, cpu, $", {name}");
        }

        // Each search alone, one at a time, its answer retired before each (so computed each time): what each costs
        // without waiting behind the others.
        await using (var changer = PracticeChanges.Start(database, ChangeEvery[^1], cancellationToken))
        {
            foreach (var (query, url) in Queries.Zip(searches))
            {
                report.Add(new ResultRow("search", $"alone: {query}", "ms", await AloneAsync(client, url, member, cancellationToken)));
            }
        }
    }

    private static readonly TimeSpan[] ChangeEvery = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(2)];

    /// <summary>Throughput and p99 of the searches, and the CPU per search of goodpractice-api and PostgreSQL over every run with the warm-up.</summary>
    private static async Task<(Measured Throughput, Measured P99, IReadOnlyDictionary<string, double> CpuPerSearch)> MeasureSearchesAsync(
        PlatformHost platform, HttpClient client, Uri[] searches, string member, CancellationToken cancellationToken)
    {
        var usage = await ResourceUsage.StartAsync(platform, cancellationToken, ["goodpractice-api", "postgres"]);
        var (throughput, p99, requests) = await MeasureAsync(client, searches, member, cancellationToken);
        var cpu = usage.CpuMillisecondsByResourceSinceStart().ToDictionary(c => c.Key, c => c.Value / requests);
        return (throughput, p99, cpu);
    }

    // Where a search's CPU goes: the two cores are all there is.
    private static void AddCpuRows(Report report, IReadOnlyDictionary<string, double> cpuPerSearch, string suffix)
    {
        foreach (var (resource, ms) in cpuPerSearch.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            report.Add(new ResultRow("search", $"CPU per search, {resource}{suffix}", "CPU ms", Measured.Of([ms])));
        }
    }

    private static async Task<Measured> AloneAsync(HttpClient client, Uri url, string token, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Measured.Of(times.Skip(1).ToList());
    }

    /// <summary>Practices in batches of 10,000: random titles, summaries and bodies from the vocabulary, random codes and times.</summary>
    private static async Task GenerateAsync(string database, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO practices (id, title, summary, body_markdown, body_html, body_text, pillars, outcome_codes, tags, tags_text,
                                   organisation_code, links, is_public, created_at, updated_at, version, adoption_count, endorsement_count)
            SELECT gen_random_uuid(), t.title, t.summary, t.body, '<p>' || t.body || '</p>', t.body,
                   ARRAY[initcap(split_part(t.outcome, '-', 1))], ARRAY[t.outcome], ARRAY[t.tag], t.tag,
                   @organisations[1 + floor(random() * cardinality(@organisations))::int], '[]', random() < 0.7,
                   t.at, t.at, 1, floor(random() * 5)::int, 0
            FROM (
                SELECT g,
                       (SELECT string_agg(@words[1 + floor(random() * cardinality(@words))::int], ' ') FROM generate_series(1, 8) w WHERE g > 0) AS title,
                       (SELECT string_agg(CASE WHEN random() < 0.3 THEN @words[1 + floor(random() * cardinality(@words))::int] ELSE 'filler' || floor(random() * 20000)::int END, ' ') FROM generate_series(1, 25) w WHERE g > 0) AS summary,
                       (SELECT string_agg(CASE WHEN random() < 0.1 THEN @words[1 + floor(random() * cardinality(@words))::int] ELSE 'filler' || floor(random() * 20000)::int END, ' ') FROM generate_series(1, 120) w WHERE g > 0) AS body,
                       @outcomes[1 + floor(random() * cardinality(@outcomes))::int] AS outcome,
                       @words[1 + floor(random() * cardinality(@words))::int] AS tag,
                       now() - random() * interval '700 days' AS at
                FROM generate_series(1, @batch) g) t
            """;
        await using var dataSource = NpgsqlDataSource.Create(database);
        // A bulk load: the GIN indexes are dropped and built again afterwards, as the migrations define them. The
        // trigger fills practice_search as it does for every write.
        await ExecuteAsync(dataSource, $"DROP INDEX {string.Join(", ", GinIndexes.Select(i => i.Name))}", cancellationToken);
        for (var done = 0; done < Practices; done += 10_000)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.CommandTimeout = 600;
            command.Parameters.AddWithValue("words", Vocabulary);
            command.Parameters.AddWithValue("organisations", Organisations);
            command.Parameters.AddWithValue("outcomes", Outcomes);
            command.Parameters.AddWithValue("batch", Math.Min(10_000, Practices - done));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (name, definition) in GinIndexes)
        {
            await ExecuteAsync(dataSource, $"CREATE INDEX {name} ON {definition}", cancellationToken);
        }

        await ExecuteAsync(dataSource, "VACUUM ANALYZE practice_search", cancellationToken);
        await ExecuteAsync(dataSource, "VACUUM ANALYZE practices", cancellationToken);
    }

    private static readonly (string Name, string Definition)[] GinIndexes =
    [
        ("ix_practices_search_text", "practices USING GIN (search_text gin_trgm_ops)"),
        ("ix_practice_search_title_vector", "practice_search USING GIN (title_vector)"),
        ("ix_practice_search_head_vector", "practice_search USING GIN (head_vector)"),
        ("ix_practice_search_search_vector", "practice_search USING GIN (search_vector)"),
        ("ix_practice_search_pillars", "practice_search USING GIN (pillars)"),
        ("ix_practice_search_outcome_codes", "practice_search USING GIN (outcome_codes)"),
        ("ix_practice_search_tags", "practice_search USING GIN (tags)"),
    ];

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 900;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(Measured Throughput, Measured P99, long Requests)> MeasureAsync(HttpClient client, Uri[] urls, string? token, CancellationToken cancellationToken)
    {
        var p99s = new List<double>();
        long total = 0;
        var throughput = await Measured.RepeatAsync(async () =>
        {
            var histogram = Latencies.NewHistogram();
            var requests = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
            {
                var mine = Latencies.NewHistogram();
                var next = worker;
                while (clock.Elapsed < RunFor)
                {
                    var url = urls[next++ % urls.Length];
                    var started = clock.ElapsedTicks;
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    using var response = await client.SendAsync(request, cancellationToken);
                    await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                    if ((int)response.StatusCode != 200)
                    {
                        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
                    }

                    mine.RecordValue(Latencies.Microseconds(clock.ElapsedTicks - started));
                }

                lock (histogram)
                {
                    histogram.Add(mine);
                    requests += (int)mine.TotalCount;
                }
            }));
            p99s.Add(histogram.Milliseconds(99));
            total += requests;
            return requests / clock.Elapsed.TotalSeconds;
        });
        return (throughput, Measured.Of(p99s.Skip(1).ToList()), total);
    }
}
