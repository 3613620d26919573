using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests.Attacks;

/// <summary>
/// An insider with plain SELECT on surveysdb (a login role, not a superuser) watches 200 champions answer one
/// campaign in a known order, within one release period, and tries to recover who answered what and when: by the
/// transaction ids rows share (xmin), by the physical order of the responses (ctid), by the outbox sequence, by the
/// length of the sealed intake rows, and by whatever rows are left behind. The index of each submission is encoded
/// in its answers, so the test knows the truth; each attack must do no better than guessing.
/// </summary>
public sealed class DatabaseReaderAttackTests(DatabaseReaderAttackTests.Observations seen) : IClassFixture<DatabaseReaderAttackTests.Observations>
{
    public const int Submissions = 200;

    // Under a random order, Spearman's rho over 200 pairs has a standard deviation of 1/sqrt(199) = 0.071: 0.25 is
    // 3.5 of them, exceeded by chance about once in 2,000 runs.
    private const double RhoBound = 0.25;

    // Guessing a random one-to-one matching gets 1 link right on average; more than 5 happens about once in 1,700 runs.
    private const int ChanceLinks = 5;

    [Fact]
    public void Responses_share_no_transaction_id_with_ledger_entries_so_an_xmin_join_links_none()
    {
        var ledgerByXmin = seen.Ledger.GroupBy(l => l.Xmin).ToDictionary(g => g.Key, g => g.ToList());
        var determined = seen.Responses.Count(r => ledgerByXmin.TryGetValue(r.Xmin, out var same) && same.Count == 1);
        var correct = seen.Responses.Count(r => ledgerByXmin.TryGetValue(r.Xmin, out var same) && same[0].Entry == seen.EntryOf[r.Index]);
        var outboxLinked = seen.Outbox.Count(o => ledgerByXmin.ContainsKey(o.Xmin));

        Assert.True(determined == 0 && correct <= ChanceLinks && outboxLinked == 0,
            $"xmin join: {determined} response(s) share their transaction id with exactly one ledger entry, {correct} of {Submissions} linked to the right champion, {outboxLinked} outbox row(s) share a ledger entry's transaction id");
    }

    [Fact]
    public void The_physical_order_of_responses_says_nothing_about_arrival_order()
    {
        var rho = Spearman(seen.Responses.Select(r => (double)r.PhysicalPosition).ToList(), seen.Responses.Select(r => (double)r.Index).ToList());
        Assert.True(Math.Abs(rho) < RhoBound, $"ctid order against arrival order: Spearman rho = {rho:F3} (bound {RhoBound})");

        // Nor does any transaction id order them: all responses of a release are written by one transaction.
        var rhoXmin = Spearman(seen.Responses.Select(r => (double)r.Xmin).ToList(), seen.Responses.Select(r => (double)r.Index).ToList());
        Assert.True(double.IsNaN(rhoXmin) || Math.Abs(rhoXmin) < RhoBound, $"xmin order against arrival order: Spearman rho = {rhoXmin:F3}");
    }

    [Fact]
    public void The_outbox_sequence_says_nothing_about_arrival_order()
    {
        Assert.True(seen.Outbox.Count == Submissions, $"the reader should see all {Submissions} InsightSubmitted rows while the relay is held, saw {seen.Outbox.Count}");
        var rho = Spearman(seen.Outbox.Select(o => (double)o.Sequence).ToList(), seen.Outbox.Select(o => (double)o.Index).ToList());
        Assert.True(Math.Abs(rho) < RhoBound, $"outbox sequence against arrival order: Spearman rho = {rho:F3} (bound {RhoBound})");
    }

    [Fact]
    public void Polling_the_intake_links_no_arrival_to_its_response_by_length()
    {
        Assert.True(seen.Arrivals.Count == Submissions, $"the reader should have seen {Submissions} arrivals, saw {seen.Arrivals.Count}");

        // The attacker sorts arrivals by stored length and responses by answer length (ties in random order) and
        // pairs them rank for rank: a length that grows with the answer links them all.
        var arrivals = seen.Arrivals.OrderBy(_ => Random.Shared.Next()).OrderBy(a => a.Length).ToList();
        var responses = seen.Responses.OrderBy(_ => Random.Shared.Next()).OrderBy(r => r.AnswersLength).ToList();
        var correct = arrivals.Zip(responses).Count(pair => pair.First.Index == pair.Second.Index);
        var lengths = seen.Arrivals.Select(a => a.Length).Distinct().Count();

        Assert.True(correct <= ChanceLinks, $"length matching linked {correct} of {Submissions} arrivals to their responses ({lengths} distinct stored lengths)");
    }

    [Fact]
    public void Nothing_is_left_behind_no_submission_keys_no_published_events_no_intake_and_no_time_finer_than_the_day()
    {
        Assert.True(seen.SubmissionKeyTableExists is false, "a submission_keys table is still readable");
        Assert.True(seen.IntakeLeft == 0, $"{seen.IntakeLeft} sealed row(s) left in the intake after the release");
        Assert.True(seen.InsightRowsLeftAfterPublish == 0, $"{seen.InsightRowsLeftAfterPublish} InsightSubmitted row(s) stay in outbox_messages after they were published");
        Assert.True(seen.FinerThanDayColumns.Count == 0, $"columns that can hold a time finer than the day: {string.Join(", ", seen.FinerThanDayColumns)}");
        Assert.Equal([seen.Today], seen.Days);
    }

    internal static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        var cov = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        var vx = rx.Sum(r => (r - mx) * (r - mx));
        var vy = ry.Sum(r => (r - my) * (r - my));
        return cov / Math.Sqrt(vx * vy);
    }

    // Average ranks, so that ties (every response of one release has the same xmin) count as ties.
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }

    public sealed record LedgerRow(string Entry, long Xmin);

    public sealed record ResponseRow(int Index, long Xmin, int PhysicalPosition, int AnswersLength);

    public sealed record OutboxRow(int Index, long Xmin, long Sequence);

    public sealed record Arrival(int Index, int Length);

    /// <summary>Runs the scenario once for the class and records everything the reader could see.</summary>
    public sealed class Observations : IAsyncLifetime
    {
        // The outbox relay's advisory lock key: while the test holds it, no relay publishes, so the reader gets to
        // see every outbox row the release wrote.
        private const long RelayLockKey = 0x6F7574626F78;
        private const string Organisation = "S08000015";

        private readonly IsolatedServers _servers = new();
        private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

        public List<LedgerRow> Ledger { get; } = [];

        public List<ResponseRow> Responses { get; } = [];

        public List<OutboxRow> Outbox { get; } = [];

        public List<Arrival> Arrivals { get; } = [];

        public Dictionary<int, string> EntryOf { get; } = [];

        public bool? SubmissionKeyTableExists { get; private set; }

        public long IntakeLeft { get; private set; } = -1;

        public long InsightRowsLeftAfterPublish { get; private set; } = -1;

        public List<string> FinerThanDayColumns { get; } = [];

        public List<DateOnly> Days { get; } = [];

        public DateOnly Today { get; private set; }

        public async Task InitializeAsync()
        {
            await _servers.InitializeAsync();
            // One release a day, as in production, on a clock the test moves: all 200 arrive within one period.
            await using var host = await SurveysHost.StartAsync(_servers, _clock, releaseEvery: TimeSpan.FromDays(1));
            Today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
            var reader = await CreateReaderAsync(host.Database);

            await using var relayHold = new NpgsqlConnection(host.Database);
            await relayHold.OpenAsync();
            await ExecuteAsync(relayHold, $"SELECT pg_advisory_lock({RelayLockKey})");

            await using (var watch = new NpgsqlConnection(reader))
            {
                await watch.OpenAsync();
                var seenIntake = new HashSet<Guid>();
                for (var i = 0; i < Submissions; i++)
                {
                    var subject = $"reader-attack-{i}-{Guid.NewGuid():N}";
                    EntryOf[i] = Convert.ToHexString(HMACSHA256.HashData(host.LedgerSecret, Encoding.UTF8.GetBytes($"{subject}\n{SurveysHost.DemoCampaign:N}")));
                    var response = await host.Champion(Organisation, subject).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), Answers(i));
                    Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submission {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

                    // The reader polls after every submission and notes what is new, as a watcher of the intake would.
                    if (await TableExistsAsync(watch, "response_intake"))
                    {
                        foreach (var row in await QueryAsync(watch, "SELECT id, octet_length(sealed) FROM response_intake", r => (r.GetGuid(0), r.GetInt32(1))))
                        {
                            if (seenIntake.Add(row.Item1))
                            {
                                Arrivals.Add(new Arrival(i, row.Item2));
                            }
                        }
                    }
                }

                // The day ends: the release moves the intake.
                _clock.Advance(TimeSpan.FromDays(1));
                await Eventually.Returns(
                    async () => await ScalarAsync(watch, "SELECT count(*) FROM responses"),
                    n => n >= Submissions,
                    TimeSpan.FromSeconds(60),
                    because: "for the release to write the 200 responses");

                SubmissionKeyTableExists = await TableExistsAsync(watch, "submission_keys");
                IntakeLeft = await TableExistsAsync(watch, "response_intake") ? await ScalarAsync(watch, "SELECT count(*) FROM response_intake") : 0;
                Ledger.AddRange(await QueryAsync(watch, "SELECT encode(entry, 'hex'), xmin::text::bigint FROM response_ledger", r => new LedgerRow(r.GetString(0).ToUpperInvariant(), r.GetInt64(1))));

                var position = 0;
                foreach (var (answers, xmin) in await QueryAsync(watch, "SELECT answers::text, xmin::text::bigint FROM responses ORDER BY ctid", r => (r.GetString(0), r.GetInt64(1))))
                {
                    Responses.Add(new ResponseRow(IndexOf(JsonNode.Parse(answers)!), xmin, position++, Encoding.UTF8.GetByteCount(answers)));
                }

                foreach (var (payload, xmin, sequence) in await QueryAsync(
                    watch, "SELECT payload::text, xmin::text::bigint, sequence FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted' ORDER BY sequence", r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2))))
                {
                    Outbox.Add(new OutboxRow(IndexOf(JsonNode.Parse(payload)!["answers"]!), xmin, sequence));
                }

                FinerThanDayColumns.AddRange(await QueryAsync(
                    watch,
                    """
                    SELECT table_name || '.' || column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name IN ('responses', 'response_ledger', 'response_intake', 'submission_keys', 'outbox_messages')
                      AND (data_type LIKE 'timestamp%' OR data_type LIKE 'time%' OR data_type = 'interval')
                    """,
                    r => r.GetString(0)));
                Days.AddRange(await QueryAsync(watch, "SELECT DISTINCT submitted_on FROM responses", r => r.GetFieldValue<DateOnly>(0)));

                // Let the relay publish, then see what stays behind.
                await ExecuteAsync(relayHold, $"SELECT pg_advisory_unlock({RelayLockKey})");
                var hasPublishedFlag = await ColumnExistsAsync(watch, "outbox_messages", "published");
                var left = hasPublishedFlag
                    ? "SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted' AND published"
                    : "SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted'";
                // Published rows must go; wait for the relay to drain what it can, then count what stays.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                long pending;
                do
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                    pending = await ScalarAsync(watch, "SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted'" + (hasPublishedFlag ? " AND NOT published" : ""));
                }
                while (pending > 0 && DateTime.UtcNow < deadline);
                Assert.True(pending == 0, $"the relay did not publish {pending} InsightSubmitted row(s) within 30 s");
                InsightRowsLeftAfterPublish = await ScalarAsync(watch, left);
            }
        }

        public Task DisposeAsync() => _servers.DisposeAsync();

        // Submission i answers four Likert items with the base-5 digits of i, and free text as long as i: the test can
        // read the index back from any copy of the answers, and lengths differ from one submission to the next.
        private static object Answers(int i) => new
        {
            organisationCode = Organisation,
            answers = new object[]
            {
                new { itemId = "valued", value = i % 5 + 1 },
                new { itemId = "workload", value = i / 5 % 5 + 1 },
                new { itemId = "support", value = i / 25 % 5 + 1 },
                new { itemId = "supervision", value = i / 125 % 5 + 1 },
                new { itemId = "one-change", text = "Calmer shifts" + new string('!', i), themes = new[] { "Nurture" } },
            },
        };

        private static int IndexOf(JsonNode answers)
        {
            int Value(string item) => answers.AsArray().Single(a => a!["itemId"]!.GetValue<string>() == item)!["value"]!.GetValue<int>() - 1;
            return Value("valued") + 5 * Value("workload") + 25 * Value("support") + 125 * Value("supervision");
        }

        private static async Task<string> CreateReaderAsync(string database)
        {
            var role = $"reader_{Guid.NewGuid():N}";
            await using var admin = new NpgsqlConnection(database);
            await admin.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(database).Database!;
            await ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT");
            await ExecuteAsync(admin, $"GRANT CONNECT ON DATABASE \"{name}\" TO {role}");
            await ExecuteAsync(admin, $"GRANT USAGE ON SCHEMA public TO {role}");
            await ExecuteAsync(admin, $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");

            var reader = new NpgsqlConnectionStringBuilder(database) { Username = role, Password = null }.ConnectionString;
            await using var check = new NpgsqlConnection(reader);
            await check.OpenAsync();
            Assert.False(await QueryScalarAsync<bool>(check, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"), "the reader must not be a superuser");
            return reader;
        }

        private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table) =>
            await QueryScalarAsync<bool>(connection, $"SELECT to_regclass('public.{table}') IS NOT NULL");

        private static async Task<bool> ColumnExistsAsync(NpgsqlConnection connection, string table, string column) =>
            await QueryScalarAsync<long>(connection, $"SELECT count(*) FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'") > 0;

        private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql) => await QueryScalarAsync<long>(connection, sql);

        private static async Task<T> QueryScalarAsync<T>(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }
}
