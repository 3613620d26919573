using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// An idle Surveys keeps its database nearly idle: the outbox relay, the scheduler and the release each run once
/// per period. A relay woken by its own commits used to spin, a transaction after another, and held a quarter of a
/// core and a PostgreSQL backend busy in every service with an outbox, with nothing to publish.
/// </summary>
public sealed class IdleServiceTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private SurveysHost _host = null!;

    public async Task InitializeAsync() => _host = await SurveysHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_idle_service_ends_a_handful_of_transactions_a_second_not_a_stream()
    {
        // Let start-up (migrations, demo data, the first publications) finish.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await TransactionsAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        var during = await TransactionsAsync() - before;

        // Relay (1 s poll), release (1 s here), scheduler and health checks: a few dozen in 6 s. The spinning relay
        // ended hundreds a second. PostgreSQL reports each backend's counts within about a second, hence 6 s.
        Assert.InRange(during, 1, 120);
    }

    private async Task<long> TransactionsAsync()
    {
        var row = (await _host.RowsAsync("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()")).Single();
        return (long)row["n"]!;
    }
}
