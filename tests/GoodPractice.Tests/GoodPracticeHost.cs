extern alias goodpractice;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Npgsql;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>The GoodPractice service on real PostgreSQL and RabbitMQ, with its own database and vhost per test class.</summary>
public sealed class GoodPracticeHost : IAsyncDisposable
{
    private GoodPracticeHost(ServiceUnderTest<goodpractice::Program> service, string database, TestIdentity identity)
    {
        Service = service;
        Database = database;
        Identity = identity;
    }

    public ServiceUnderTest<goodpractice::Program> Service { get; }

    public string Database { get; }

    public TestIdentity Identity { get; }

    public static async Task<GoodPracticeHost> StartAsync(IsolatedServers servers, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await servers.DatabaseAsync("goodpracticedb");
        var identity = new TestIdentity();
        var configuration = ServiceSettings.GoodPractice(servers.RabbitMqUri, database, identity);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var service = new ServiceUnderTest<goodpractice::Program>(configuration);
        service.Start();
        await service.WaitUntilHealthyAsync();
        return new GoodPracticeHost(service, database, identity);
    }

    public HttpClient Anonymous() => Service.ClientWithToken(null);

    public HttpClient Admin() => Service.ClientWithToken(Identity.Admin());

    public HttpClient Editor(string organisation) => Service.ClientWithToken(Identity.Token(Roles.OrgEditor, organisation));

    public HttpClient Champion(string organisation) => Service.ClientWithToken(Identity.Champion(organisation));

    public HttpClient As(string? role, string? organisation) =>
        Service.ClientWithToken(role is null ? null : Identity.Token(role, organisation));

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    /// <summary>A valid practice body; override fields with <paramref name="change"/>.</summary>
    public static JsonObject Practice(string title = "Protected learning time for ward teams", Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["summary"] = "Half a day a month kept free for ward teams to learn together.",
            ["body"] = "## What we did\n\nWe kept **half a day a month** free for learning.",
            ["pillars"] = new JsonArray("Train"),
            ["outcomeCodes"] = new JsonArray("TRAIN-S1"),
            ["tags"] = new JsonArray("learning time"),
            ["isPublic"] = true,
        };
        change?.Invoke(body);
        return body;
    }

    public async Task<Guid> ShareAsync(string organisation, JsonObject? practice = null)
    {
        var response = await Editor(organisation).PostAsJsonAsync(new Uri("/api/practices", UriKind.Relative), practice ?? Practice());
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"sharing answered {(int)response.StatusCode}: {body.ToJsonString()}");
        return body["id"]!.GetValue<Guid>();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
