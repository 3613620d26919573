using System.Net;
using System.Net.Http.Json;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Messaging;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>What an insider reading surveysdb, or a consumer reading the bus, can learn about who answered: nothing.</summary>
public sealed class AnonymityTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private const string PersonalText = "Dr Patel said email jo.bloggs@nhs.scot or ring 07700 900123; my manager Fiona has my CHI 0101901234 and NI AB 12 34 56 C.";
    private const string RedactedText = "Dr [redacted] said email [redacted] or ring [redacted]; my manager [redacted] has my CHI [redacted] and NI [redacted].";
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

        var columns = await _host.RowsAsync("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'responses'");
        Assert.DoesNotContain(columns, c => ((string)c["data_type"]!).Contains("time", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(columns, c => (string)c["column_name"]! == "submitted_on" && (string)c["data_type"]! == "date");
        Assert.DoesNotContain(columns, c => ((string)c["column_name"]!).Contains("champion", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("subject", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("ip", StringComparison.OrdinalIgnoreCase)
            || ((string)c["column_name"]!).Contains("agent", StringComparison.OrdinalIgnoreCase));

        var everything = string.Join('\n', (await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM responses r"))
            .Concat(await _host.RowsAsync("SELECT payload::text AS row FROM outbox_messages"))
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
        var response = await _host.Champion(Organisation, subject).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var ledgerColumns = await _host.RowsAsync("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'response_ledger'");
        var ledgerColumn = Assert.Single(ledgerColumns);
        Assert.Equal("entry", ledgerColumn["column_name"]);
        Assert.Equal("bytea", ledgerColumn["data_type"]);

        var responseColumns = (await _host.RowsAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'")).Select(c => (string)c["column_name"]!);
        Assert.DoesNotContain("entry", responseColumns);

        var foreignKeys = await _host.RowsAsync(
            """
            SELECT tc.table_name FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
            WHERE tc.constraint_type = 'FOREIGN KEY' AND (tc.table_name IN ('responses', 'response_ledger') OR ccu.table_name IN ('responses', 'response_ledger'))
            """);
        Assert.Empty(foreignKeys);

        var entries = await _host.RowsAsync("SELECT entry FROM response_ledger");
        Assert.All(entries, e => Assert.Equal(32, ((byte[])e["entry"]!).Length));
        var allResponseText = string.Join('\n', (await _host.RowsAsync("SELECT row_to_json(r)::text AS row FROM responses r")).Select(r => (string)r["row"]!));
        Assert.All(entries, e => Assert.DoesNotContain(Convert.ToHexString((byte[])e["entry"]!), allResponseText, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Personal_data_in_free_text_is_redacted_in_storage_and_in_the_event_and_plain_text_is_kept()
    {
        var personal = await _host.Champion(Organisation).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation, text: PersonalText));
        var plain = await _host.Champion(Organisation).PostAsJsonAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), SurveysHost.PulseAnswers(Organisation, text: PlainText));
        Assert.Equal(HttpStatusCode.Accepted, personal.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, plain.StatusCode);

        var stored = string.Join('\n', (await _host.RowsAsync("SELECT answers::text AS answers FROM responses")).Select(r => (string)r["answers"]!));
        Assert.Contains(RedactedText, stored, StringComparison.Ordinal);
        Assert.Contains(PlainText, stored, StringComparison.Ordinal);
        foreach (var secret in new[] { "Patel", "jo.bloggs@nhs.scot", "07700 900123", "Fiona", "0101901234", "AB 12 34 56 C" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }

        var events = await _events.WaitForAsync<InsightSubmitted>(e => e.Any(i => Text(i) == RedactedText) && e.Any(i => Text(i) == PlainText));
        var redactedEvent = events.First(i => Text(i) == RedactedText);
        var freeText = redactedEvent.Answers.Single(a => a.ItemId == "one-change");
        Assert.Null(freeText.Value);
        Assert.Equal(["Nurture"], freeText.Themes);
        Assert.All(redactedEvent.Answers.Where(a => a.ItemId != "one-change"), a => Assert.Null(a.Text));
    }

    private static string? Text(InsightSubmitted insight) => insight.Answers.FirstOrDefault(a => a.ItemId == "one-change")?.Text;
}
