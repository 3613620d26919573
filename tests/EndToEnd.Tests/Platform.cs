extern alias insighthub;
extern alias surveys;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Npgsql;

namespace ChampionNetwork.EndToEnd.Tests;

/// <summary>Surveys and InsightHub, each with its real wiring, on real RabbitMQ, PostgreSQL and Redis.</summary>
public sealed class Platform : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _surveysSettings;

    private Platform(Uri eventBus, string surveysDb, string insightHubDb, string redis, string redisKeyPrefix, bool overKestrel)
    {
        SurveysDb = surveysDb;
        _surveysSettings = ServiceSettings.Surveys(eventBus, surveysDb, Identity);
        // Accepted responses are sealed until the next release: every second here, so they soon reach the feeds.
        _surveysSettings["Anonymity:ReleaseEvery"] = "00:00:01";
        InsightHub = new ServiceUnderTest<insighthub::Program>(ServiceSettings.InsightHub(eventBus, redis, redisKeyPrefix, insightHubDb, Identity));
        Surveys = new ServiceUnderTest<surveys::Program>(_surveysSettings);
        if (overKestrel)
        {
            InsightHub.OverKestrel();
            Surveys.OverKestrel();
        }
    }

    public TestIdentity Identity { get; } = new();

    public ServiceUnderTest<surveys::Program> Surveys { get; private set; }

    public ServiceUnderTest<insighthub::Program> InsightHub { get; }

    public string SurveysDb { get; }

    /// <summary>Starts both services and waits until both report healthy, so no event can miss its queue.</summary>
    public static async Task<Platform> StartAsync(Uri eventBus, string surveysDb, string insightHubDb, string redis, string redisKeyPrefix, bool overKestrel = false)
    {
        var platform = new Platform(eventBus, surveysDb, insightHubDb, redis, redisKeyPrefix, overKestrel);
        platform.InsightHub.Start();
        platform.Surveys.Start();
        await platform.InsightHub.WaitUntilHealthyAsync();
        await platform.Surveys.WaitUntilHealthyAsync();
        return platform;
    }

    public static async Task<Platform> StartAsync(IsolatedServers servers, bool overKestrel = false) =>
        await StartAsync(servers.RabbitMqUri, await servers.DatabaseAsync("surveysdb"), await servers.DatabaseAsync("insighthubdb"), servers.RedisConnectionString, servers.RedisKeyPrefix, overKestrel);

    /// <summary>Stops the Surveys host and starts a new one on the same database, as a process restart would.</summary>
    public async Task RestartSurveysAsync()
    {
        await Surveys.DisposeAsync();
        Surveys = new ServiceUnderTest<surveys::Program>(_surveysSettings);
        Surveys.Start();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(SurveysDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Surveys.DisposeAsync();
        await InsightHub.DisposeAsync();
    }
}
