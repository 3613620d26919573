using System.Diagnostics;
using System.Globalization;
using ChampionNetwork.Benchmarks.Measurement;
using ChampionNetwork.Benchmarks.Platform;
using ChampionNetwork.Benchmarks.Reporting;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Identity;
using ChampionNetwork.ServiceDefaults.Identity;
using ChampionNetwork.TestInfrastructure;
using MassTransit;
using StackExchange.Redis;

namespace ChampionNetwork.Benchmarks.Scenarios;

/// <summary>
/// <c>grain-storage</c>: InsightHub alone, run twice on its own RabbitMQ and Redis (AOF on, appendfsync everysec as the
/// AppHost runs it): once with Redis grain storage and batched writes, once with Orleans' Memory provider
/// (<c>Orleans__GrainStorage__insight__ProviderType=Memory</c>). Pre-generated <c>InsightSubmitted</c> events are
/// published through RabbitMQ; the clock stops when Scotland's count in the feed reaches the number published.
/// Redis writes per event come from INFO commandstats deltas.
/// </summary>
internal static class GrainStorageScenario
{
    private static readonly string[] Organisations = ["S08000015", "S08000016", "S08000017", "S08000019", "S08000020", "S08000022", "S08000024", "S08000031"];

    public static async Task RunAsync(Report report, int events, CancellationToken cancellationToken)
    {
        await using var broker = await LocalRabbitMq.StartAsync(cancellationToken);
        var redisPort = FreePort.Next();
        var redisDirectory = Directory.CreateTempSubdirectory("championnetwork-bench-redis-");
        await using var redisServer = ServerProcess.Start("redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", redisDirectory.FullName, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no", "--logfile", ""]);
        var redisConnection = $"127.0.0.1:{redisPort.ToString(CultureInfo.InvariantCulture)}";
        await using var redis = await ConnectRedisAsync(redisConnection, cancellationToken);
        // InsightHub keeps its subscriptions in insighthubdb: a PostgreSQL of its own here too.
        await using var postgres = await LocalPostgres.StartAsync(cancellationToken);

        var (redisRate, writesPerEvent) = await MeasureAsync(broker, redis, redisConnection, await postgres.CreateDatabaseAsync("insighthubdb_redis", cancellationToken), "Redis", events, cancellationToken);
        var (memoryRate, _) = await MeasureAsync(broker, redis, redisConnection, await postgres.CreateDatabaseAsync("insighthubdb_memory", cancellationToken), "Memory", events, cancellationToken);
        report.Add(new ResultRow("grain-storage", "B: Memory grain storage", "events/s", memoryRate));
        report.Add(new ResultRow("grain-storage", "Redis grain storage (AOF, batched writes)", "events/s", redisRate, memoryRate, "≥ 0.8 of Memory", redisRate.Median / memoryRate.Median >= 0.8));
        report.Add(new ResultRow("grain-storage", "Redis writes per event (INFO commandstats)", "writes", writesPerEvent));
        try
        {
            redisDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(Measured Rate, Measured WritesPerEvent)> MeasureAsync(LocalRabbitMq broker, ConnectionMultiplexer redis, string redisConnection, string insightHubDb, string provider, int events, CancellationToken cancellationToken)
    {
        var vhost = await broker.CreateVirtualHostAsync($"grains-{provider.ToLowerInvariant()}", cancellationToken);
        var signingKey = DevelopmentSigningKey.NewBase64Key();
        var http = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__eventbus"] = vhost.ToString(),
            ["ConnectionStrings__redis"] = redisConnection,
            ["ConnectionStrings__insighthubdb"] = insightHubDb,
            ["Identity__SigningKey"] = signingKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}",
            // Testing: a shared signing key is refused in Production.
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Orleans__ClusterId"] = $"bench-{provider.ToLowerInvariant()}",
            ["Orleans__ServiceId"] = $"bench-{Guid.NewGuid():N}",
            ["Orleans__GrainStorage__insight__ProviderType"] = provider,
            // Feeds publish on a schedule (a day by default); publish every 100 ms so the feed shows the count within a
            // tenth of a second for both providers alike.
            ["InsightHub__Snapshots__PublishEvery"] = "00:00:00.100",
            ["Orleans__Endpoints__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var dll = Path.Combine(Repository.Root, "services", "InsightHub", "Api", "bin", "Release", "net10.0", "ChampionNetwork.InsightHub.dll");
        await using var hub = ServerProcess.Start("dotnet", [dll], environment, Path.GetDirectoryName(dll));
        var baseUri = new Uri($"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}");
        await WaitHealthyAsync(hub, baseUri, cancellationToken);

        var identity = new IdentityOptions { SigningKey = signingKey };
        using var feed = new ScotlandFeed(baseUri, DevelopmentSigningKey.IssueToken(identity, "bench-analyst", [Roles.PolicyAnalyst], null, TimeProvider.System, TimeSpan.FromHours(2)));
        var bus = CreateBus(vhost);
        await bus.StartAsync(cancellationToken);
        try
        {
            await bus.Publish(new CampaignOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, SampleInsight.Campaign, "Benchmark", SampleInsight.Instrument, 1, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), Organisations.Select(o => new EligibleHeadcount(o, 100_000)).ToList()), cancellationToken);
            var server = redis.GetServers()[0];
            var writes = new List<double>();
            var rate = await Measured.RepeatAsync(async () =>
            {
                var batch = Enumerable.Range(0, events).Select(i => SampleInsight.Create(Organisations[i % Organisations.Length], i)).ToList();
                var before = await feed.CountAsync(cancellationToken);
                var writesBefore = await WriteCommandsAsync(server);
                var clock = Stopwatch.StartNew();
                var inFlight = new Queue<Task>(RawRabbitBaseline.OutstandingConfirms);
                foreach (var insight in batch)
                {
                    if (inFlight.Count == RawRabbitBaseline.OutstandingConfirms)
                    {
                        await inFlight.Dequeue();
                    }

                    inFlight.Enqueue(bus.Publish(insight, cancellationToken));
                }

                await Task.WhenAll(inFlight);
                await feed.WaitForAsync(before + events, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(3), cancellationToken);
                var elapsed = clock.Elapsed;
                writes.Add((await WriteCommandsAsync(server) - writesBefore) / (double)events);
                return events / elapsed.TotalSeconds;
            });
            return (rate, Measured.Of(writes.Skip(1).ToList()));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static IBusControl CreateBus(Uri amqp)
    {
        var endpoint = RabbitMqEndpoint.Parse(amqp.ToString());
        return Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, host =>
        {
            host.Username(endpoint.Username);
            host.Password(endpoint.Password);
            host.PublisherConfirmation = true;
        }));
    }

    /// <summary>Calls of every write command Redis has served (from INFO commandstats), minus reads and admin.</summary>
    private static async Task<long> WriteCommandsAsync(IServer server)
    {
        string[] reads = ["get", "mget", "hget", "hgetall", "hmget", "exists", "info", "ping", "type", "ttl", "pttl", "scan", "keys", "smembers", "zrange", "client", "config", "cluster", "select", "subscribe", "unsubscribe", "psubscribe", "echo", "hello", "auth", "time", "hlen", "hexists", "lrange", "llen", "scard", "sismember", "zcard", "zscore", "zrangebyscore", "evalsha_ro", "eval_ro", "command", "strlen", "hscan"];
        var info = await server.InfoAsync("commandstats");
        long total = 0;
        foreach (var pair in info.SelectMany(g => g))
        {
            var command = pair.Key.Replace("cmdstat_", "", StringComparison.Ordinal).Split('|')[0];
            if (!reads.Contains(command))
            {
                var calls = pair.Value.Split(',')[0].Split('=')[1];
                total += long.Parse(calls, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(string connection, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"{connection},allowAdmin=true");
            }
            catch (RedisConnectionException) when (attempt < 40)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task WaitHealthyAsync(ServerProcess hub, Uri baseUri, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (hub.HasExited)
            {
                throw new InvalidOperationException("InsightHub exited.\n" + hub.Output);
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("InsightHub was not healthy after 2 minutes.\n" + hub.Output);
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
