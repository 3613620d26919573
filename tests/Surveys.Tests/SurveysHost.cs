using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// The Surveys service on real servers, optionally on a clock the test moves, with a ledger secret the test knows and
/// the intake released every second (<see cref="StartAsync"/>'s releaseEvery), so accepted responses soon reach the
/// responses table and the bus.
/// </summary>
public sealed class SurveysHost : IAsyncDisposable
{
    public static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");
    public static readonly Guid PulseInstrument = Guid.Parse("5e1f3a52-7b0c-4c53-9a7e-2f4b8d1c6a01");

    private static readonly ConcurrentDictionary<string, byte[]> Secrets = new(StringComparer.Ordinal);

    private SurveysHost(ServiceUnderTest<Program> service, string database, Uri eventBus, FakeTimeProvider? clock, byte[] ledgerSecret)
    {
        Service = service;
        Database = database;
        EventBus = eventBus;
        Clock = clock;
        LedgerSecret = ledgerSecret;
    }

    /// <summary>The Anonymity:LedgerSecret the service runs with.</summary>
    public byte[] LedgerSecret { get; }

    public required TestIdentity Identity { get; init; }

    public ServiceUnderTest<Program> Service { get; }

    public string Database { get; }

    public Uri EventBus { get; }

    public FakeTimeProvider? Clock { get; }

    public static async Task<SurveysHost> StartAsync(IsolatedServers servers, FakeTimeProvider? clock = null, TimeSpan? releaseEvery = null, bool waitUntilHealthy = true)
    {
        var database = await servers.DatabaseAsync("surveysdb");
        var identity = new TestIdentity();
        // One secret per database, as in production one per deployment: a restarted host must open what the last sealed.
        var ledgerSecret = Secrets.GetOrAdd(database, _ => RandomNumberGenerator.GetBytes(32));
        var settings = ServiceSettings.Surveys(servers.RabbitMqUri, database, identity);
        settings["Anonymity:LedgerSecret"] = Convert.ToBase64String(ledgerSecret);
        settings["Anonymity:ReleaseEvery"] = (releaseEvery ?? TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture);
        var service = new ServiceUnderTest<Program>(
            settings,
            services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton<TimeProvider>(clock);
                }
            });
        var host = new SurveysHost(service, database, servers.RabbitMqUri, clock, ledgerSecret) { Identity = identity };
        service.Start();
        if (waitUntilHealthy)
        {
            await service.WaitUntilHealthyAsync();
        }

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

    /// <summary>
    /// Rows in responses, the ledger, the sealed intake, and InsightSubmitted rows still waiting in the outbox (the
    /// relay deletes a row once published).
    /// </summary>
    public async Task<Counts> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM responses), (SELECT count(*) FROM response_ledger), (SELECT count(*) FROM response_intake), (SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Waits for the release to empty the intake and the relay to publish every InsightSubmitted; returns the counts then.</summary>
    public async Task<Counts> ReleasedAsync(TimeSpan? timeout = null) =>
        await Eventually.Returns(CountsAsync, c => c.Intake == 0 && c.PendingInsights == 0, timeout ?? TimeSpan.FromSeconds(30), because: "for the release to move the sealed intake into responses and the relay to publish it");

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

    /// <summary>Accepted = released responses plus sealed ones still in the intake.</summary>
    public sealed record Counts(long Responses, long Ledger, long Intake, long PendingInsights)
    {
        public long Accepted => Responses + Intake;
    }
}
