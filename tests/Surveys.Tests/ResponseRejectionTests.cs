using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// Bad input gets a 400 problem+json that names the field, never a 500, and nothing is stored: no ledger entry, no
/// sealed intake row, no response and no outbox row.
/// </summary>
public sealed class ResponseRejectionTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private const string Organisation = "S08000015";
    private static readonly Uri Responses = new("/api/campaigns/0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01/responses", UriKind.Relative);

    private readonly TestIdentity _identity = new();
    private ServiceUnderTest<Program> _surveys = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _db = await servers.DatabaseAsync("surveysdb");
        _surveys = new ServiceUnderTest<Program>(ServiceSettings.Surveys(servers.RabbitMqUri, _db, _identity));
        _surveys.Start();
    }

    public async Task DisposeAsync() => await _surveys.DisposeAsync();

    public static TheoryData<string, string, string> BadSubmissions => new()
    {
        { "malformed JSON", """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 4 """, "answers[0]" },
        { "value of the wrong type", """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": "four" } ] }""", "answers[0].value" },
        { "unknown organisation code", """{ "organisationCode": "S08999999", "answers": [ { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 4 }, { "itemId": "support", "value": 4 } ] }""", "organisationCode" },
        { "badly formed organisation code", """{ "organisationCode": "../../etc", "answers": [ { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 4 }, { "itemId": "support", "value": 4 } ] }""", "organisationCode" },
        { "unknown item", """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 4 }, { "itemId": "support", "value": 4 }, { "itemId": "shoe-size", "value": 9 } ] }""", "answers[3].itemId" },
        { "out-of-range value", """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 6 }, { "itemId": "workload", "value": 4 }, { "itemId": "support", "value": 4 } ] }""", "answers[0].value" },
        { "missing required item", """{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 4 } ] }""", "answers" },
        { "over-long free text", $$"""{ "organisationCode": "S08000015", "answers": [ { "itemId": "valued", "value": 4 }, { "itemId": "workload", "value": 4 }, { "itemId": "support", "value": 4 }, { "itemId": "one-change", "text": "{{new string('a', 2001)}}" } ] }""", "answers[3].text" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task Bad_submission_is_answered_with_400_naming_the_field_and_nothing_is_stored(string because, string body, string field)
    {
        var before = await CountsAsync();
        var champion = _surveys.ClientWithToken(_identity.Champion(Organisation));

        var response = await champion.PostAsync(Responses, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: expected 400, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.True(problem["errors"]?[field] is not null, $"{because}: the problem should name '{field}', but was {problem.ToJsonString()}");
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Valid_submission_is_accepted_and_sealed_in_the_intake_with_its_ledger_entry_and_nothing_else()
    {
        var before = await CountsAsync();
        var champion = _surveys.ClientWithToken(_identity.Champion(Organisation));

        var response = await champion.PostAsJsonAsync(Responses, new
        {
            organisationCode = Organisation,
            answers = new object[] { new { itemId = "valued", value = 4 }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 5 } },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonNode>())!["receiptId"]!.GetValue<Guid>();
        Assert.NotEqual(Guid.Empty, receipt);
        // The response and its event are written by the next release (a day away here), not by the request.
        Assert.Equal(before with { Ledger = before.Ledger + 1, Intake = before.Intake + 1 }, await CountsAsync());
    }

    [Fact]
    public async Task Submission_without_a_token_is_refused_with_401()
    {
        var anonymous = _surveys.CreateClient();
        var response = await anonymous.PostAsJsonAsync(Responses, new { organisationCode = Organisation, answers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Submission_with_a_forged_token_is_refused_with_401()
    {
        var forger = _surveys.ClientWithToken(TestIdentity.Forged("champion", Organisation));
        var response = await forger.PostAsJsonAsync(Responses, new { organisationCode = Organisation, answers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_second_response_from_the_same_champion_is_refused_with_409_and_not_stored()
    {
        var subject = $"twice-{Guid.NewGuid():N}";
        var first = await _surveys.ClientWithToken(_identity.Champion(Organisation, subject)).PostAsJsonAsync(Responses, ValidBody(Organisation));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var before = await CountsAsync();

        var second = await _surveys.ClientWithToken(_identity.Champion(Organisation, subject)).PostAsJsonAsync(Responses, ValidBody(Organisation));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = (await second.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.EndsWith("already-answered", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_champion_answering_for_another_board_is_refused_with_403_and_nothing_is_stored()
    {
        var before = await CountsAsync();
        var bordersChampion = _surveys.ClientWithToken(_identity.Champion("S08000016"));

        var response = await bordersChampion.PostAsJsonAsync(Responses, ValidBody(Organisation));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_board_champion_may_answer_for_a_partnership_in_the_board()
    {
        // East Ayrshire HSCP lies in NHS Ayrshire and Arran.
        var boardChampion = _surveys.ClientWithToken(_identity.Champion(Organisation));
        var response = await boardChampion.PostAsJsonAsync(Responses, ValidBody("S37000008"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_partnership_champion_may_not_answer_for_its_board()
    {
        var partnershipChampion = _surveys.ClientWithToken(_identity.Champion("S37000008"));
        var response = await partnershipChampion.PostAsJsonAsync(Responses, ValidBody(Organisation));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static object ValidBody(string organisation) => new
    {
        organisationCode = organisation,
        answers = new object[] { new { itemId = "valued", value = 4 }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 5 } },
    };

    private async Task<Counts> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM responses), (SELECT count(*) FROM response_ledger), (SELECT count(*) FROM response_intake), (SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private sealed record Counts(long Responses, long Ledger, long Intake, long Outbox);
}
