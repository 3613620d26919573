using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>One service per test class with the demo corpus loaded once, read but never changed by the class's tests.</summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    private readonly IsolatedServers _servers = new();

    public GoodPracticeHost Host { get; private set; } = null!;

    public DemoCorpus Corpus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _servers.InitializeAsync();
        Host = await GoodPracticeHost.StartAsync(_servers);
        Corpus = await DemoCorpus.LoadAsync(Host);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
