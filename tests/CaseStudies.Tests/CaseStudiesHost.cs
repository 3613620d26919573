extern alias casestudies;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChampionNetwork.CaseStudies.Tests;

/// <summary>
/// The CaseStudies service on real PostgreSQL and RabbitMQ (its own database and vhost per test class), optionally on a
/// clock the test moves. Two hosts started on the same database are two instances of the service.
/// </summary>
public sealed class CaseStudiesHost : IAsyncDisposable
{
    public const string Organisation = "S37000003";   // Angus HSCP
    public const string OtherOrganisation = "S08000015";
    public const string AuthorSubject = "editor-author";

    private CaseStudiesHost(ServiceUnderTest<casestudies::Program> service, string database, TestIdentity identity)
    {
        Service = service;
        Database = database;
        Identity = identity;
    }

    public ServiceUnderTest<casestudies::Program> Service { get; }

    public string Database { get; }

    public TestIdentity Identity { get; }

    public static async Task<CaseStudiesHost> StartAsync(IsolatedServers servers, TimeProvider? clock = null, TestIdentity? identity = null)
    {
        var database = await servers.DatabaseAsync("casestudiesdb");
        identity ??= new TestIdentity();
        var service = new ServiceUnderTest<casestudies::Program>(
            ServiceSettings.CaseStudies(servers.RabbitMqUri, database, identity),
            services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            });
        service.Start();
        await service.WaitUntilHealthyAsync();
        return new CaseStudiesHost(service, database, identity);
    }

    public HttpClient Anonymous() => Service.ClientWithToken(null);

    public HttpClient Author() => Service.ClientWithToken(Identity.Token(Roles.OrgEditor, Organisation, AuthorSubject));

    public HttpClient Colleague() => Service.ClientWithToken(Identity.Token(Roles.OrgEditor, Organisation, "editor-colleague"));

    public HttpClient ForeignEditor() => Service.ClientWithToken(Identity.Token(Roles.OrgEditor, OtherOrganisation, "editor-foreign"));

    public HttpClient Reviewer(string name = "reviewer-1") => Service.ClientWithToken(Identity.Token(Roles.Reviewer, null, name));

    public HttpClient Admin(string name = "admin-1") => Service.ClientWithToken(Identity.Token(Roles.Admin, null, name));

    public HttpClient As(string role, string? organisation, string subject) => Service.ClientWithToken(Identity.Token(role, organisation, subject));

    public static JsonObject Content(string title = "Peer support in every GP practice", Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["summary"] = "Peer workers in every GP practice give quick, local support.",
            ["body"] = "## What we did\n\nPeers offer **up to three sessions**.",
            ["pillars"] = new JsonArray("Nurture"),
            ["outcomeCodes"] = new JsonArray("NURTURE-S3"),
            ["namesChanged"] = false,
            ["quotedPeople"] = new JsonArray(),
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public async Task<(Guid Id, string Slug)> CreateAsync(JsonObject? content = null, HttpClient? client = null)
    {
        var response = await (client ?? Author()).PostAsJsonAsync(new Uri("/api/case-studies", UriKind.Relative), content ?? Content($"Case study {Guid.NewGuid():N}"));
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"creating answered {(int)response.StatusCode}: {body.ToJsonString()}");
        return (body["id"]!.GetValue<Guid>(), body["slug"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> CommandAsync(HttpClient client, Guid id, int edition, string command, object? arguments = null) =>
        client.PostAsJsonAsync(new Uri($"/api/case-studies/{id}/editions/{edition}/{command}", UriKind.Relative), arguments ?? new { });

    /// <summary>Gives a command that must succeed.</summary>
    public static async Task<JsonNode> MustAsync(HttpClient client, Guid id, int edition, string command, object? arguments = null)
    {
        var response = await CommandAsync(client, id, edition, command, arguments);
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{command} on edition {edition} answered {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonNode> GetAsync(Guid id) =>
        (await Admin().GetFromJsonAsync<JsonNode>(new Uri($"/api/case-studies/{id}", UriKind.Relative)))!;

    public async Task<string?> StateAsync(Guid id, int edition) =>
        (await GetAsync(id))["editions"]!.AsArray().FirstOrDefault(e => e!["number"]!.GetValue<int>() == edition)?["state"]!.GetValue<string>();

    public async Task GiveConsentAsync(Guid id, string person, params string[] uses) =>
        Assert.Equal(200, (int)(await Author().PutAsJsonAsync(new Uri($"/api/case-studies/{id}/consents/{person}", UriKind.Relative),
            new { givenBy = "The person quoted", givenAt = DateTimeOffset.UtcNow.AddDays(-2), uses = uses.Length == 0 ? ["publication"] : uses })).StatusCode);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
