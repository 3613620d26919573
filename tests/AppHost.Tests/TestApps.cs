using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;
using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.AppHost.Tests;

/// <summary>Resource graphs built the way Program.cs builds them, without running anything.</summary>
internal static class TestApps
{
    public static DistributedApplicationBuilder Builder(IDictionary<string, string?>? configuration = null) =>
        DistributedApplication.CreateBuilder(
            new AppHostOptions("/repo", "/tmp/apphost-unit", Fresh: false),
            new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());

    /// <summary>Gives every endpoint a port and every server a connection string, as a run would.</summary>
    public static void Provision(DistributedApplicationModel model)
    {
        var port = 40000;
        foreach (var resource in model.Resources)
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.Port ??= port++;
            }

            if (resource is ServerResource server)
            {
                server.ConnectionString = server.ConnectionStringFor("127.0.0.1", server.PrimaryEndpoint.Port!.Value, null);
            }
        }
    }
}
