using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.Surveys.Tests.Redaction;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// A champion sends free text holding NUL or another control character. PostgreSQL's jsonb refuses NUL, and its
/// error would echo the answers into the logs. The submission must get a 400 naming the field, change no row of any
/// table in surveysdb, and leave no trace of the answer in any log line.
/// </summary>
public sealed class FreeTextControlCharacterTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";

    private readonly TestIdentity _identity = new();
    private readonly CapturedLogs _logs = new();
    private ServiceUnderTest<Program> _surveys = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _db = await servers.DatabaseAsync("surveysdb");
        _surveys = new ServiceUnderTest<Program>(ServiceSettings.Surveys(servers.RabbitMqUri, _db, _identity), _logs.AddTo);
        _surveys.Start();
        await _surveys.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync() => await _surveys.DisposeAsync();

    // JSON escapes as a client would send them: \u0000 NUL, BEL, ESC, DEL, C1 NEL and CSI, lone surrogates.
    public static TheoryData<string, string> ControlCharacters => new()
    {
        { "NUL", @"\u0000" },
        { "BEL", @"\u0007" },
        { "ESC", @"\u001b" },
        { "DEL", @"\u007f" },
        { "C1 NEL", @"\u0085" },
        { "C1 CSI", @"\u009b" },
        { "lone high surrogate", @"\ud800" },
        { "lone low surrogate", @"\udc00" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task Free_text_with_a_control_character_gets_400_naming_the_field_stores_nothing_and_logs_nothing_of_it(string because, string escaped)
    {
        var secret = $"quokkaplum{Guid.NewGuid():N}";
        var tail = $"marmalade{Guid.NewGuid():N}";
        var body = $$"""
            { "organisationCode": "{{Organisation}}", "answers": [
              { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 3 }, { "itemId": "support", "value": 5 },
              { "itemId": "one-change", "text": "please {{secret}} {{escaped}} {{tail}}", "themes": ["Nurture"] } ] }
            """;
        var before = await StableRowCountsAsync();
        var champion = _surveys.ClientWithToken(_identity.Champion(Organisation));

        var response = await champion.PostAsync(SurveysHost.ResponsesOf(SurveysHost.DemoCampaign), new StringContent(body, Encoding.UTF8, "application/json"));
        var problemText = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: expected 400, got {(int)response.StatusCode}: {problemText}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(problemText)!;
        Assert.True(problem["errors"]?["answers[3].text"] is not null, $"{because}: the problem should name 'answers[3].text', but was {problemText}");
        Assert.DoesNotContain(secret, problemText, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountsAsync());
        // The capture sees this very request, so "no line holds the text" is not vacuous.
        Assert.Contains(_logs.Lines, line => line.Contains($"/api/campaigns/{SurveysHost.DemoCampaign}/responses", StringComparison.Ordinal));
        var leaks = _logs.Lines.Where(line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(tail, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{because}: {leaks.Count} log line(s) hold the answer text:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }

    [Fact]
    public async Task Free_text_with_tabs_and_line_breaks_is_accepted()
    {
        var champion = _surveys.ClientWithToken(_identity.Champion(Organisation));
        var response = await champion.PostAsJsonAsync(
            SurveysHost.ResponsesOf(SurveysHost.DemoCampaign),
            SurveysHost.PulseAnswers(Organisation, text: "Breaks:\tlonger\r\nRota:\tsooner\nThank you"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    // Background work (the outbox relay, the scheduler) may still be settling after start: wait for two equal reads.
    private async Task<string> StableRowCountsAsync()
    {
        var previous = await RowCountsAsync();
        return await Eventually.Returns(
            async () =>
            {
                await Task.Delay(500);
                var current = await RowCountsAsync();
                var stable = current == previous ? current : null;
                previous = current;
                return stable;
            },
            counts => counts is not null,
            TimeSpan.FromSeconds(30),
            because: "for surveysdb's row counts to settle") ?? "";
    }

    /// <summary>The row count of every table in surveysdb, as "table=count" lines.</summary>
    private async Task<string> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        var counts = new StringBuilder();
        foreach (var table in tables)
        {
            // The names come from information_schema, quoted by quote_ident.
#pragma warning disable CA2100
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
#pragma warning restore CA2100
            counts.Append(table).Append('=').Append((long)(await count.ExecuteScalarAsync())!).AppendLine();
        }

        return counts.ToString();
    }
}
