using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>The Surveys service on real servers, optionally on a clock the test moves.</summary>
public sealed class SurveysHost : IAsyncDisposable
{
    public static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");
    public static readonly Guid PulseInstrument = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    private SurveysHost(ServiceUnderTest<Program> service, string database, Uri eventBus, FakeTimeProvider? clock)
    {
        Service = service;
        Database = database;
        EventBus = eventBus;
        Clock = clock;
    }

    public required TestIdentity Identity { get; init; }

    public ServiceUnderTest<Program> Service { get; }

    public string Database { get; }

    public Uri EventBus { get; }

    public FakeTimeProvider? Clock { get; }

    public static async Task<SurveysHost> StartAsync(IsolatedServers servers, FakeTimeProvider? clock = null)
    {
        var database = await servers.DatabaseAsync("surveysdb");
        var identity = new TestIdentity();
        var service = new ServiceUnderTest<Program>(
            ServiceSettings.Surveys(servers.RabbitMqUri, database, identity),
            services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton<TimeProvider>(clock);
                }
            });
        var host = new SurveysHost(service, database, servers.RabbitMqUri, clock) { Identity = identity };
        service.Start();
        await service.WaitUntilHealthyAsync();
        return host;
    }

    public HttpClient Admin() => Service.ClientWithToken(Identity.Admin());

    public HttpClient Champion(string organisation, string? subject = null) => Service.ClientWithToken(Identity.Champion(organisation, subject));

    public HttpClient As(string? role, string? organisation = "S08000015") =>
        Service.ClientWithToken(role is null ? null : Identity.Token(role, organisation));

    public static object PulseAnswers(string organisation, int valued = 4, string? text = null) => new
    {
        organisationCode = organisation,
        answers = text is null
            ? new object[] { new { itemId = "valued", value = valued }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 5 } }
            : new object[] { new { itemId = "valued", value = valued }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 5 }, new { itemId = "one-change", text, themes = new[] { "Nurture" } } },
    };

    public static Uri ResponsesOf(Guid campaign) => new($"/api/campaigns/{campaign}/responses", UriKind.Relative);

    public async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<(long Responses, long Ledger, long Outbox)> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM responses), (SELECT count(*) FROM response_ledger), (SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<List<Dictionary<string, object?>>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
