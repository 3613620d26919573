using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace ChampionNetwork.Scale.Tests;

/// <summary>
/// Issue 16 part 3: infra/k8s renders with `kubectl kustomize` (kubectl from Debian's kubernetes-client, 1.20, or any
/// later one on PATH), the rendered output passes yamllint (infra/k8s/.yamllint), and every rendered object loads
/// strictly into the typed models of the KubernetesClient package (custom resources into <see cref="CustomResource"/>
/// models), so that a misspelt or misplaced field fails here rather than being dropped by the API server.
/// </summary>
public sealed class KubernetesManifestTests(ITestOutputHelper output)
{
    static readonly Dictionary<string, Type> Kinds = new()
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Service"] = typeof(V1Service),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["apps/v1/StatefulSet"] = typeof(V1StatefulSet),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster),
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(PostgresCluster),
        ["keda.sh/v1alpha1/ScaledObject"] = typeof(ScaledObject),
        ["keda.sh/v1alpha1/TriggerAuthentication"] = typeof(TriggerAuthentication),
    };

    static readonly string[] Services = ["surveys-api", "goodpractice-api", "casestudies-api", "insighthub", "portal"];

    static string K8s => Path.Combine(Repository.Root, "infra", "k8s");

    static async Task<string> RenderAsync(string overlay)
    {
        var kubectl = Repository.OnPath("kubectl");
        Assert.True(kubectl is not null, "kubectl is not installed: apt-get install -y kubernetes-client (./test.sh does it)");
        var (rc, stdout, stderr) = await Repository.RunAsync(kubectl!, ["kustomize", Path.Combine(K8s, "overlays", overlay)], TimeSpan.FromMinutes(2));
        Assert.True(rc == 0, $"kubectl kustomize overlays/{overlay} failed: {stderr}");
        return stdout;
    }

    static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, Kinds, strict: true);

    [Theory]
    [InlineData("production")]
    [InlineData("local")]
    public async Task The_overlay_renders_passes_yamllint_and_loads_strictly_into_typed_models(string overlay)
    {
        var rendered = await RenderAsync(overlay);

        var yamllint = Repository.OnPath("yamllint");
        Assert.True(yamllint is not null, "yamllint is not installed: apt-get install -y yamllint (./test.sh does it)");
        var file = Path.Combine(Path.GetTempPath(), $"championnetwork-k8s-{overlay}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, rendered);
        try
        {
            var (rc, stdout, stderr) = await Repository.RunAsync(yamllint!, ["--strict", "-c", Path.Combine(K8s, ".yamllint"), file, K8s], TimeSpan.FromMinutes(2));
            Assert.True(rc == 0, $"yamllint: {stdout}{stderr}");
        }
        finally
        {
            File.Delete(file);
        }

        var objects = Load(rendered);
        output.WriteLine($"overlays/{overlay}: {objects.Count} objects");
        Assert.All(objects, o => Assert.Contains(o.GetType(), Kinds.Values));

        var deployments = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        foreach (var name in Services)
        {
            var deployment = deployments[name];
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.NotNull(container.Resources.Requests["cpu"]);
            Assert.NotNull(container.Resources.Requests["memory"]);
            Assert.NotNull(container.Resources.Limits["memory"]);
            Assert.Contains(objects.OfType<V1Service>(), s => s.Metadata.Name == name);
            Assert.Contains(objects.OfType<V1PodDisruptionBudget>(), p => p.Metadata.Name == name);
            // CPU autoscaling: an HPA, or for InsightHub KEDA's ScaledObject (CPU and queue depth in one HPA).
            Assert.True(
                objects.OfType<V2HorizontalPodAutoscaler>().Any(h => h.Spec.ScaleTargetRef.Name == name && h.Spec.Metrics.Any(m => m.Resource?.Name == "cpu"))
                || objects.OfType<ScaledObject>().Any(s => s.Spec.ScaleTargetRef.Name == name && s.Spec.Triggers.Any(t => t.Type == "cpu")),
                $"{name} has no CPU autoscaler");

            // Secrets by reference only: no env value that looks like one.
            foreach (var env in container.Env ?? [])
            {
                Assert.False(env.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase) && env.Value is not null, $"{name}: {env.Name} has a literal value");
            }
        }

        var surveys = deployments["surveys-api"].Spec.Template.Spec.Containers[0].Env;
        Assert.Equal("surveys-ledger", surveys.Single(e => e.Name == "Anonymity__LedgerSecret").ValueFrom.SecretKeyRef.Name);
        Assert.Equal("championnetwork-oidc", surveys.Single(e => e.Name == "Identity__Authority").ValueFrom.SecretKeyRef.Name);

        // InsightHub: Orleans Kubernetes hosting's downward API, labels and Role; clustering on Redis.
        var silo = deployments["insighthub"].Spec.Template;
        Assert.Equal("championnetwork", silo.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal("championnetwork", silo.Metadata.Labels["orleans/clusterId"]);
        var siloEnv = silo.Spec.Containers[0].Env.ToDictionary(e => e.Name);
        Assert.Equal("metadata.name", siloEnv["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", siloEnv["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", siloEnv["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("Redis", siloEnv["Orleans__Clustering__ProviderType"].Value);
        var role = Assert.Single(objects.OfType<V1Role>());
        Assert.Contains(role.Rules, r => r.Resources.Contains("pods") && r.Verbs.Contains("watch") && r.Verbs.Contains("delete"));
        var binding = Assert.Single(objects.OfType<V1RoleBinding>());
        Assert.Equal(silo.Spec.ServiceAccountName, Assert.Single(binding.Subjects).Name);

        var rabbit = Assert.Single(objects.OfType<RabbitmqCluster>());
        Assert.Contains("cluster_partition_handling = pause_minority", rabbit.Spec.Rabbitmq!.AdditionalConfig);
        if (overlay == "production")
        {
            Assert.Equal(3, rabbit.Spec.Replicas);
            Assert.All(objects.OfType<PostgresCluster>(), p => Assert.Equal(3, p.Spec.Instances));
        }

        Assert.Equal(["casestudiesdb", "goodpracticedb", "surveysdb"], objects.OfType<PostgresCluster>().Select(p => p.Metadata.Name).Order());
        Assert.Contains(objects.OfType<ScaledObject>().Single().Spec.Triggers, t => t.Type == "rabbitmq" && t.Metadata["queueName"] == "insight-submitted");
    }

    [Fact]
    public void The_schema_check_fails_on_an_unknown_field()
    {
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              replicaz: 2
            """;
        Assert.ThrowsAny<Exception>(() => Load(deployment));

        const string rabbit = """
            apiVersion: rabbitmq.com/v1beta1
            kind: RabbitmqCluster
            metadata:
              name: x
            spec:
              replicas: 3
              partitionHandling: pause_minority
            """;
        Assert.ThrowsAny<Exception>(() => Load(rabbit));

        Assert.Single(Load("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n"));
    }
}
