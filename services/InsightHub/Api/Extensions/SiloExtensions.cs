using System.Net;
using ChampionNetwork.ServiceDefaults;
using ChampionNetwork.InsightHub.Grains;
using Microsoft.Extensions.Configuration.Memory;
using Orleans.Configuration;

namespace ChampionNetwork.InsightHub.Extensions;

internal static class SiloExtensions
{
    /// <summary>
    /// The Orleans silo, configured from the "Orleans" section exactly as Aspire writes it
    /// (Orleans__ClusterId, Orleans__Clustering__ProviderType=Redis, Orleans__Clustering__ConnectionName=redis,
    /// Orleans__GrainStorage__insight__..., Orleans__Endpoints__SiloPort/GatewayPort). Redis clustering and Redis grain
    /// storage are the defaults, so the silo never silently falls back to in-memory state.
    /// </summary>
    public static IHostApplicationBuilder AddInsightSilo(this IHostApplicationBuilder builder)
    {
        // Defaults go first among the sources so that appsettings and the environment override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Orleans:ClusterId"] = "championnetwork",
                ["Orleans:ServiceId"] = "championnetwork",
                ["Orleans:Clustering:ProviderType"] = "Redis",
                ["Orleans:Clustering:ConnectionName"] = "redis",
                ["Orleans:GrainStorage:insight:ProviderType"] = "Redis",
                ["Orleans:GrainStorage:insight:ConnectionName"] = "redis",
            },
        });

        var redis = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("ConnectionStrings:redis is not set. Run through the AppHost (./run.sh) or set ConnectionStrings__redis.");
        builder.Services.AddHealthChecks().AddRedis(redis, name: "redis", tags: [HealthTags.Ready]);

        builder.Services.AddOptions<BatchingOptions>().Bind(builder.Configuration.GetSection(BatchingOptions.SectionName))
            .Validate(o => o.IdsPerChunk > 0, $"{BatchingOptions.SectionName}:IdsPerChunk must be at least 1 (default 512).")
            .ValidateOnStart();
        builder.Services.AddOptions<SnapshotOptions>().Bind(builder.Configuration.GetSection(SnapshotOptions.SectionName))
            .Validate(o => o.PublishEvery > TimeSpan.Zero, $"{SnapshotOptions.SectionName}:PublishEvery must be a positive TimeSpan (default 1.00:00:00).")
            .ValidateOnStart();
        // Failure detection (ProbeTimeout, NumMissedProbesLimit, DefunctSiloExpiration, ...): defaults suit
        // production; tests that kill silos shorten them through Orleans:Membership.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));

        var endpoints = builder.Configuration.GetSection("Orleans:Endpoints");
        builder.UseOrleans(silo =>
        {
            var siloPort = endpoints.GetValue("SiloPort", 11111);
            var gatewayPort = endpoints.GetValue("GatewayPort", 30000);
            var advertised = endpoints["AdvertisedIPAddress"] is { Length: > 0 } address ? IPAddress.Parse(address) : IPAddress.Loopback;
            var kubernetes = RunsInKubernetes(builder.Configuration);
            if (kubernetes && Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } podIp)
            {
                advertised = IPAddress.Parse(podIp);
            }

            silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
            if (kubernetes)
            {
                // Microsoft.Orleans.Hosting.Kubernetes: the silo's name and address from POD_NAME and POD_IP, the
                // cluster's identity from the pod's orleans/serviceId and orleans/clusterId labels, and a watch on the
                // cluster's pods that deletes the pod of a silo declared dead. Membership stays in Redis.
                silo.UseKubernetesHosting();
            }
        });
        return builder;
    }

    /// <summary>
    /// Orleans:Kubernetes:Enabled when set; otherwise on exactly when the downward API's POD_NAME and POD_NAMESPACE
    /// are there (infra/k8s sets them), so a silo under the AppHost or in the tests never looks for a Kubernetes API.
    /// </summary>
    internal static bool RunsInKubernetes(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Orleans:Kubernetes:Enabled")
        ?? (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } && Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 });
}
