using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChampionNetwork.Identity;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// The whole platform under the real AppHost, from a fresh data folder and local server binaries: all healthy, a
/// response travels from the HTTP API to the feed, a killed service comes back, and stopping leaves no process.
/// </summary>
public sealed class AppHostRunTests
{
    private static readonly Guid DemoCampaign = Guid.Parse("0d3c5a8e-1f2b-4c7d-9e6a-5b4f3e2d1c01");
    private static readonly TimeSpan AllHealthyTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Platform_comes_up_healthy_carries_a_response_to_the_feed_survives_a_killed_service_and_stops_clean()
    {
        await using var host = AppHostProcess.Start();

        await host.WaitUntilAsync(s => s["allHealthy"]!.GetValue<bool>(), AllHealthyTimeout, "every resource to be healthy");
        Assert.All(host.State()!["resources"]!.AsArray(), r => Assert.Equal("Running", r!["State"]!.GetValue<string>()));
        Assert.Equal("local binary", host.Resource("eventbus")["Source"]!.GetValue<string>());

        // The signing key the AppHost handed to every service signs our tokens.
        var identity = new IdentityOptions { SigningKey = File.ReadAllText(Path.Combine(host.DataDirectory, "identity", "signing-key")).Trim() };
        using var analyst = Client(host, "insighthub", DevelopmentSigningKey.IssueToken(identity, "test-analyst", [Roles.PolicyAnalyst], null, TimeProvider.System));

        for (var i = 0; i < 5; i++)
        {
            // One response per champion per campaign: five champions.
            using var surveys = Client(host, "surveys-api", DevelopmentSigningKey.IssueToken(identity, $"test-champion-{i}", [Roles.Champion], "S08000015", TimeProvider.System));
            var response = await surveys.PostAsJsonAsync(new Uri($"/api/campaigns/{DemoCampaign}/responses", UriKind.Relative), new
            {
                organisationCode = "S08000015",
                answers = new object[] { new { itemId = "valued", value = 4 }, new { itemId = "workload", value = 3 }, new { itemId = "support", value = 5 } },
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Eventually(async () => await ResponsesInFeedAsync(analyst) == 5, TimeSpan.FromSeconds(90), "5 responses in the S08000015 feed");

        // kill -9 of a service: reported Exited, restarted, healthy again.
        var before = host.Resource("insighthub")["Pid"]!.GetValue<int>();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-9", before.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await host.WaitUntilAsync(
            s => Restarts(s, "insighthub") >= 1 && s["allHealthy"]!.GetValue<bool>(),
            AllHealthyTimeout,
            "insighthub to be restarted and everything healthy again");
        Assert.Contains("insighthub exited with code 137", host.Output, StringComparison.Ordinal);
        Assert.NotEqual(before, host.Resource("insighthub")["Pid"]!.GetValue<int>());
        Assert.Equal(5, await ResponsesInFeedAsync(analyst));

        // Stop: every process the AppHost started (servers, Erlang VM, epmd, postgres backends, services) is gone.
        var started = ProcessTree.Descendants(host.Pid);
        Assert.Contains(started, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("epmd", StringComparison.Ordinal));
        var took = await host.StopAsync(TimeSpan.FromSeconds(30));
        var left = started.Where(ProcessTree.StillAlive).ToList();

        Assert.True(left.Count == 0, "Left behind:\n" + string.Join('\n', left.Select(p => $"{p.Pid} {p.CommandLine}")));
        Assert.True(took < TimeSpan.FromSeconds(15), $"The AppHost took {took.TotalSeconds:0.0} s to stop.");
        Assert.Contains("no process left behind", host.Output, StringComparison.Ordinal);
    }

    private static HttpClient Client(AppHostProcess host, string resource, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Resource(resource)["Endpoint"]!.GetValue<string>()), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<double?> ResponsesInFeedAsync(HttpClient analyst)
    {
        var response = await analyst.GetAsync(new Uri($"/api/feeds/areas/S08000015?campaign={DemoCampaign}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var feed = await response.Content.ReadFromJsonAsync<JsonNode>();
        return feed?["campaigns"]?.AsArray().FirstOrDefault()?["responses"]?["value"]?.GetValue<double?>();
    }

    private static int Restarts(JsonNode state, string name) =>
        state["resources"]!.AsArray().Single(r => r!["Name"]!.GetValue<string>() == name)!["Restarts"]!.GetValue<int>();

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(500);
        }
    }
}
