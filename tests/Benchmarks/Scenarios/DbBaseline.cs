using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// B-db: a bare ASP.NET Core endpoint in the benchmark process (not the product) that parses the same submission and
/// inserts the same response row into PostgreSQL, with no ledger, no outbox, no messaging and no token validation.
/// </summary>
internal sealed class DbBaseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DbBaseline(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>On the platform's PostgreSQL server (<paramref name="server"/>: its connection string), in a database of its own.</summary>
    public static async Task<DbBaseline> StartAsync(string server, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'benchdb'", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand("CREATE DATABASE benchdb", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "benchdb", MaxPoolSize = 64 }.ConnectionString);
        await using (var ddl = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS responses (id uuid PRIMARY KEY, campaign_id uuid NOT NULL, instrument_version integer NOT NULL, organisation_code varchar(32) NOT NULL, submitted_on date NOT NULL, event_id uuid NOT NULL, answers jsonb NOT NULL)"))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(dataSource);
        var app = builder.Build();
        app.MapPost("/api/campaigns/{id:guid}/responses", async (Guid id, HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var organisation = body.RootElement.GetProperty("organisationCode").GetString()!;
            var answers = body.RootElement.GetProperty("answers").GetRawText();
            await using var insert = db.CreateCommand("INSERT INTO responses VALUES ($1, $2, 1, $3, $4, $5, $6::jsonb)");
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = organisation });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(DateTime.UtcNow) });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = answers });
            await insert.ExecuteNonQueryAsync(ct);
            return Results.Accepted();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        return new DbBaseline(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
