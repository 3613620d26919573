using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Platform;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>
/// The whole platform under the real Aspire AppHost, from a fresh data folder and the local server binaries: every
/// resource healthy, the demo data seeded through the public API and disclosed in the feeds, a response carried from
/// the HTTP API to the feed, a service killed with SIGKILL started again, and no process left once it stops.
/// </summary>
public sealed class AppHostRunTests
{
    private const int SeededResponses = 300;
    private const int SmallOrganisations = 6;
    private const string Scotland = "S92000003";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Platform_comes_up_with_disclosed_demo_data_carries_a_response_survives_a_killed_service_and_stops_clean()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cancel.Token;
        var host = await PlatformHost.StartAsync(new PlatformHostOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["DemoSeed:Responses"] = $"{SeededResponses}",
                ["DemoSeed:SmallOrganisations"] = $"{SmallOrganisations}",
                ["DemoSeed:OpenCampaignResponses"] = "0",
                ["DemoSeed:OpenFor"] = "00:00:30",
            },
        }, ct);
        var stopped = false;
        try
        {
            await host.WaitUntilHealthyAsync(PlatformHostOptions.Resources, StartTimeout, ct);
            await host.App.ResourceNotifications.WaitForResourceAsync("demo-seed", KnownResourceStates.Finished, ct).WaitAsync(StartTimeout, ct);
            var platform = new PlatformClient(host);

            // The seeded campaign is closed and disclosed: Scotland shows every response; an organisation the seeder gave
            // fewer responses than any threshold (the last of the 40 it invites, by its documented order) shows "c".
            var seeded = Guid.Parse(File.ReadAllText(Path.Combine(host.DataDirectory, "demo-seed", "done")).Trim());
            var scotland = await platform.CampaignFeedAsync(Scotland, seeded);
            Assert.Equal("closed", scotland?["status"]?.GetValue<string>());
            Assert.Equal(SeededResponses, scotland?["responses"]?["value"]?.GetValue<double>());
            var small = Invited(AreaRegistry.Default)[^1];
            var hidden = await platform.CampaignFeedAsync(small.Code.Value, seeded);
            Assert.Equal("c", hidden?["responses"]?["qualifier"]?.GetValue<string>());
            Assert.Null(hidden?["responses"]?["value"]?.GetValue<double?>());

            // A response travels from the Surveys API through RabbitMQ to the grains and the feed.
            for (var i = 0; i < 5; i++)
            {
                using var response = await platform.SubmitAsync(PlatformClient.OpenDemoCampaign, "S08000015", PlatformClient.Answers(4));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            await Eventually.Returns(() => platform.ResponsesInFeedAsync("S08000015", PlatformClient.OpenDemoCampaign), n => n == 5, TimeSpan.FromSeconds(90), "5 responses in the S08000015 feed");

            // kill -9 of the silo's process: the AppHost starts it again, and the counts come back from Redis.
            var silo = await host.PidAsync("insighthub", ct);
            Process.GetProcessById(silo).Kill();
            await Eventually.Returns(() => Task.FromResult(host.Restarts("insighthub")), n => n >= 1, TimeSpan.FromSeconds(60), "insighthub to be started again");
            await host.WaitUntilHealthyAsync(["insighthub"], StartTimeout, ct);
            Assert.NotEqual(silo, await host.PidAsync("insighthub", ct));
            Assert.Equal(5, await Eventually.Returns(() => platform.ResponsesInFeedAsync("S08000015", PlatformClient.OpenDemoCampaign), n => n is not null, TimeSpan.FromSeconds(60)));

            // Stop: every process of the run (DCP, the Erlang VM, epmd, postgres and its backends, the services) is gone.
            var started = host.Processes();
            Assert.Contains(started, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
            Assert.Contains(started, p => p.CommandLine.Contains("epmd", StringComparison.Ordinal));
            Assert.Contains(started, p => p.CommandLine.Contains("postgres", StringComparison.Ordinal));
            stopped = true;
            await host.DisposeAsync();
            var left = started.Where(ProcessTree.StillAlive).ToList();
            Assert.True(left.Count == 0, "Left behind:\n" + string.Join('\n', left.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
        finally
        {
            if (!stopped)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>The seeder's documented choice: every board, then HSCPs, then councils, by code, the first 40.</summary>
    private static List<Area> Invited(AreaRegistry areas) =>
    [
        .. new[] { AreaType.Board, AreaType.Hscp, AreaType.Council }
            .SelectMany(type => areas.OfType(type).OrderBy(a => a.Code.Value, StringComparer.Ordinal))
            .Take(40),
    ];
}
