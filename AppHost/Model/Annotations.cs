namespace ChampionNetwork.AppHost.Model;

/// <summary>
/// A network endpoint. <see cref="TargetPort"/> is the port inside a container (5672 for RabbitMQ); <see cref="Port"/>
/// is where the AppHost makes it reachable, allocated at run time when not fixed.
/// </summary>
public sealed class EndpointAnnotation(string name, string scheme, int? targetPort = null, int? port = null) : IResourceAnnotation
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    public int? TargetPort { get; } = targetPort;

    public int? Port { get; set; } = port;

    public string Host { get; set; } = "localhost";

    /// <summary>Set once a port is allocated: "http://localhost:5101".</summary>
    public string? Url => Port is { } p ? $"{Scheme}://{Host}:{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null;
}

/// <summary>This resource receives the connection information of <see cref="Resource"/> (WithReference).</summary>
public sealed record ResourceReferenceAnnotation(IResource Resource) : IResourceAnnotation;

/// <summary>This resource starts only once <see cref="Resource"/> is Running and then healthy (WaitFor).</summary>
public sealed record WaitAnnotation(IResource Resource) : IResourceAnnotation;

/// <summary>The image Aspire would run for this server when a Docker engine answers.</summary>
public sealed record ContainerImageAnnotation(string Image, string Tag, string Registry = "docker.io") : IResourceAnnotation
{
    public string Reference => $"{Registry}/{Image}:{Tag}";
}

/// <summary>An HTTP path polled for health (WithHttpHealthCheck); 2xx means healthy.</summary>
public sealed record HttpHealthCheckAnnotation(string Path, string EndpointName = "http") : IResourceAnnotation;

/// <summary>Adds environment variables when the resource starts (WithEnvironment).</summary>
public sealed record EnvironmentCallbackAnnotation(Action<EnvironmentContext> Callback) : IResourceAnnotation;

/// <summary>What an environment callback writes into.</summary>
public sealed class EnvironmentContext(IDictionary<string, string> variables)
{
    public IDictionary<string, string> Variables { get; } = variables;
}
