using System.Net.Http.Json;
using ChampionNetwork.TestInfrastructure;

namespace ChampionNetwork.GoodPractice.Tests;

/// <summary>Edits keep a history, oldest first, and the item shows the latest version.</summary>
public sealed class PracticeHistoryTests(IsolatedServers servers) : IClassFixture<IsolatedServers>, IAsyncLifetime
{
    private GoodPracticeHost _host = null!;

    public async Task InitializeAsync() => _host = await GoodPracticeHost.StartAsync(servers);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_edit_is_kept_in_the_history_and_the_item_shows_the_latest()
    {
        var editor = _host.Editor("S08000015");
        var id = await _host.ShareAsync("S08000015", GoodPracticeHost.Practice("First title"));
        Assert.Equal(200, (int)(await editor.PutAsJsonAsync(new Uri($"/api/practices/{id}", UriKind.Relative), GoodPracticeHost.Practice("Second title"))).StatusCode);
        Assert.Equal(200, (int)(await _host.Admin().PutAsJsonAsync(new Uri($"/api/practices/{id}", UriKind.Relative), GoodPracticeHost.Practice("Third title", p => p["body"] = "Now *different*"))).StatusCode);

        var history = (await GoodPracticeHost.ReadJsonAsync(await _host.Champion("S08000024").GetAsync(new Uri($"/api/practices/{id}/history", UriKind.Relative)))).AsArray();
        Assert.Equal(["First title", "Second title", "Third title"], history.Select(h => h!["title"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3], history.Select(h => h!["version"]!.GetValue<int>()));
        var item = await GoodPracticeHost.ReadJsonAsync(await _host.Anonymous().GetAsync(new Uri($"/api/practices/{id}", UriKind.Relative)));
        Assert.Equal("Third title", item["title"]!.GetValue<string>());
        Assert.Equal(3, item["version"]!.GetValue<int>());
        Assert.Equal("Now *different*", item["bodyMarkdown"]!.GetValue<string>());
        Assert.Equal("<p>Now <em>different</em></p>", item["bodyHtml"]!.GetValue<string>().Trim());
    }
}
