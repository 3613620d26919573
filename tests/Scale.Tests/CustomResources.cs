using k8s;
using k8s.Models;

namespace ChampionNetwork.Scale.Tests;

// Typed models of the operators' custom resources that infra/k8s uses, with exactly the fields it may set (from each
// operator's CRD). KubernetesClient has models of the built-in kinds only; loading a manifest strictly into these
// fails on any field that is not listed here, as the built-in kinds fail on theirs.

public abstract class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
}

/// <summary>rabbitmq.com/v1beta1 RabbitmqCluster (RabbitMQ Cluster Operator).</summary>
public sealed class RabbitmqCluster : CustomResource
{
    public RabbitmqClusterSpec Spec { get; set; } = new();
}

public sealed class RabbitmqClusterSpec
{
    public int? Replicas { get; set; }
    public string? Image { get; set; }
    public V1ResourceRequirements? Resources { get; set; }
    public RabbitmqPersistence? Persistence { get; set; }
    public RabbitmqConfig? Rabbitmq { get; set; }
    public RabbitmqOverride? Override { get; set; }
}

public sealed class RabbitmqPersistence
{
    public string? StorageClassName { get; set; }
    public ResourceQuantity? Storage { get; set; }
}

public sealed class RabbitmqConfig
{
    public string? AdditionalConfig { get; set; }
    public string? AdvancedConfig { get; set; }
    public List<string>? AdditionalPlugins { get; set; }
}

/// <summary>The operator's override: a partial StatefulSet merged over the one it generates.</summary>
public sealed class RabbitmqOverride
{
    public V1StatefulSet? StatefulSet { get; set; }
}

/// <summary>postgresql.cnpg.io/v1 Cluster (CloudNativePG).</summary>
public sealed class PostgresCluster : CustomResource
{
    public PostgresClusterSpec Spec { get; set; } = new();
}

public sealed class PostgresClusterSpec
{
    public int? Instances { get; set; }
    public string? ImageName { get; set; }
    public string? PrimaryUpdateStrategy { get; set; }
    public PostgresBootstrap? Bootstrap { get; set; }
    public PostgresConfiguration? Postgresql { get; set; }
    public PostgresStorage? Storage { get; set; }
    public V1ResourceRequirements? Resources { get; set; }
}

public sealed class PostgresBootstrap
{
    public PostgresInitDb? Initdb { get; set; }
}

public sealed class PostgresInitDb
{
    public string? Database { get; set; }
    public string? Owner { get; set; }
    public V1LocalObjectReference? Secret { get; set; }
}

public sealed class PostgresConfiguration
{
    public Dictionary<string, string>? Parameters { get; set; }
}

public sealed class PostgresStorage
{
    public ResourceQuantity? Size { get; set; }
    public string? StorageClass { get; set; }
}

/// <summary>keda.sh/v1alpha1 ScaledObject (KEDA).</summary>
public sealed class ScaledObject : CustomResource
{
    public ScaledObjectSpec Spec { get; set; } = new();
}

public sealed class ScaledObjectSpec
{
    public ScaleTarget ScaleTargetRef { get; set; } = new();
    public int? MinReplicaCount { get; set; }
    public int? MaxReplicaCount { get; set; }
    public int? CooldownPeriod { get; set; }
    public int? PollingInterval { get; set; }
    public ScaledObjectAdvanced? Advanced { get; set; }
    public List<ScaleTrigger> Triggers { get; set; } = [];
}

public sealed class ScaleTarget
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string Name { get; set; } = "";
}

public sealed class ScaledObjectAdvanced
{
    public HorizontalPodAutoscalerConfig? HorizontalPodAutoscalerConfig { get; set; }
}

public sealed class HorizontalPodAutoscalerConfig
{
    public string? Name { get; set; }
    public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}

public sealed class ScaleTrigger
{
    public string Type { get; set; } = "";
    public string? MetricType { get; set; }
    public string? Name { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public AuthenticationRef? AuthenticationRef { get; set; }
}

public sealed class AuthenticationRef
{
    public string Name { get; set; } = "";
    public string? Kind { get; set; }
}

/// <summary>keda.sh/v1alpha1 TriggerAuthentication (KEDA).</summary>
public sealed class TriggerAuthentication : CustomResource
{
    public TriggerAuthenticationSpec Spec { get; set; } = new();
}

public sealed class TriggerAuthenticationSpec
{
    public List<SecretTargetRef> SecretTargetRef { get; set; } = [];
}

public sealed class SecretTargetRef
{
    public string Parameter { get; set; } = "";
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}
