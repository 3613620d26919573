using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Surveys.Responses;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Messaging;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// What an insider reading surveysdb, or a consumer reading the bus, can learn about who answered: nothing. The
/// statistical attacks of a SELECT-only reader are in Attacks/DatabaseReaderAttackTests.
/// </summary>
public sealed class AnonymityTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private const string PersonalText = "Dr Patel said email jo.bloggs@nhs.scot or ring 07700 900123; my manager Fiona has my CHI 0101901234 and NI AB 12 34 56 C.";
    private const string PlainText = "Protected time for reflective practice would help everyone on the ward.";

    private SurveysHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _host = await SurveysHost.StartAsync(servers);
        _events = await new EventRecorder(_host.EventBus).Record<InsightSubmitted>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task No_response_row_holds_the_champion_the_token_or_a_time_finer_than_a_day()
    {
        var subjects = Enumerable.Range(0, 3).Select(i => $"champion-{i}-{Guid.NewGuid():N}").ToList();
        var tokens = subjects.Select(s => _host.Identity.Champion(Organisation, s)).ToList();
        foreach (var token in tokens)
        {
            var response = await _host.Service.ClientWithToken(token).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation, text: PlainText));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await _host.ReleasedAsync();
        var columns = await _host.RowsAsync("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'responses'");
        Assert.DoesNotContain(columns, c => ((string)c["data_type"]!).Contains("time", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(columns, c => (string)c["column_name"]! == "submitted_on" && (string)c["data_type"]! == "date");
        Assert.DoesNotContain(columns, c => ((string)c["column_name"]!).Contains("champion", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("subject", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("ip", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("agent", StringComparison.OrdinalIgnoreCase));

        var everything = string.Join('\n', (await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM responses r"))
            .Concat(await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM response_ledger r"))
            .Concat(await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM response_intake r"))
            .Concat(await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM outbox_messages r"))
            .Select(r => (string)r["row"]!));
        foreach (var (subject, token) in subjects.Zip(tokens))
        {
            Assert.DoesNotContain(subject, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        }

        var days = await _host.RowsAsync("SELECT DISTINCT submitted_on FROM responses");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), Assert.Single(days)["submitted_on"] is DateTime d ? DateOnly.FromDateTime(d) : (DateOnly)Assert.Single(days)["submitted_on"]!);

        var events = await _events.WaitForAsync<InsightSubmitted>(e => e.Count >= 3);
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.OccurredAt.TimeOfDay));
    }

    [Fact]
    public async Task The_ledger_holds_only_keyed_hashes_and_shares_no_column_or_key_with_responses()
    {
        var subject = $"ledger-{Guid.NewGuid():N}";
        var client = _host.Champion(Organisation, subject);
        client.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _host.ReleasedAsync();

        var ledgerColumns = (await _host.RowsAsync("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'response_ledger'"))
            .Select(c => ((string)c["column_name"]!, (string)c["data_type"]!)).Order().ToList();
        Assert.Equal([("campaign_id", "uuid"), ("entry", "bytea"), ("key_tag", "bytea")], ledgerColumns);

        var responseColumns = (await _host.RowsAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'")).Select(c => (string)c["column_name"]!);
        Assert.DoesNotContain("entry", responseColumns);
        Assert.DoesNotContain("key_tag", responseColumns);

        var foreignKeys = await _host.RowsAsync(
            """
            SELECT tc.table_name FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
            WHERE tc.constraint_type = 'FOREIGN KEY' AND (tc.table_name IN ('responses', 'response_ledger', 'response_intake') OR ccu.table_name IN ('responses', 'response_ledger', 'response_intake'))
            """);
        Assert.Empty(foreignKeys);

        var entries = await _host.RowsAsync("SELECT entry, key_tag FROM response_ledger");
        Assert.All(entries, e => Assert.Equal(32, ((byte[])e["entry"]!).Length));
        Assert.Contains(entries, e => e["key_tag"] is byte[] { Length: 32 });
        var allResponseText = string.Join('\n', (await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM responses r")).Select(r => (string)r["row"]!));
        Assert.All(entries, e => Assert.DoesNotContain(Convert.ToHexString((byte[])e["entry"]!), allResponseText, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_ledger_entry_is_the_HMAC_of_champion_and_campaign_under_the_ledger_secret_not_a_plain_hash()
    {
        var subject = $"hmac-{Guid.NewGuid():N}";
        var response = await _host.Champion(Organisation, subject).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // Computed here from the configured secret, not through the product's ResponseLedger.
        var subjectBytes = Encoding.UTF8.GetBytes($"{subject}\n{SurveysHost.DemoCampaign:N}");
        var expected = HMACSHA256.HashData(_host.LedgerSecret, subjectBytes);
        var entries = (await _host.RowsAsync("SELECT entry FROM response_ledger")).Select(e => Convert.ToHexString((byte[])e["entry"]!)).ToList();
        Assert.Single(entries, e => e == Convert.ToHexString(expected));

        // Anyone can compute an unkeyed hash of a champion id: none may be in the ledger.
        foreach (var unkeyed in new[] { SHA256.HashData(subjectBytes), SHA256.HashData(Encoding.UTF8.GetBytes(subject)), SHA256.HashData(Encoding.UTF8.GetBytes($"{subject}{SurveysHost.DemoCampaign:N}")) })
        {
            Assert.DoesNotContain(Convert.ToHexString(unkeyed), entries);
        }
    }

    [Fact]
    public async Task Personal_data_in_free_text_is_redacted_in_storage_and_free_text_never_leaves_Surveys()
    {
        var personal = await _host.Champion(Organisation).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation, text: PersonalText));
        var plain = await _host.Champion(Organisation).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation, text: PlainText));
        Assert.Equal(HttpStatusCode.Accepted, personal.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, plain.StatusCode);
        await _host.ReleasedAsync();

        var stored = string.Join('\n', (await _host.RowsAsync("SELECT answers::text AS answers FROM responses")).Select(r => (string)r["answers"]!));
        Assert.Contains(FreeTextRedactor.Redact(PersonalText), stored, StringComparison.Ordinal);
        Assert.Contains(PlainText, stored, StringComparison.Ordinal);
        foreach (var secret in new[] { "Patel", "jo.bloggs@nhs.scot", "07700 900123", "Fiona", "0101901234", "AB 12 34 56 C" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }

        // Free text stays in Surveys: the event carries the themes the champion chose, never the text.
        var events = await _events.WaitForAsync<InsightSubmitted>(e => e.Count(i => FreeText(i) is not null) >= 2);
        Assert.All(events, e => Assert.All(e.Answers, a => Assert.Null(a.Text)));
        var freeText = events.Select(FreeText).First(a => a is not null)!;
        Assert.Null(freeText.Value);
        Assert.Equal(["Nurture"], freeText.Themes);
    }

    private static InsightAnswer? FreeText(InsightSubmitted insight) => insight.Answers.FirstOrDefault(a => a.ItemId == "one-change");
}
