using System.Globalization;

namespace ChampionNetwork.AppHost.Model;

/// <summary>What every project receives besides its references (telemetry endpoint, identity).</summary>
public sealed record SharedEnvironment(string? OtlpEndpoint, IReadOnlyDictionary<string, string> Variables)
{
    public static SharedEnvironment None { get; } = new(null, new Dictionary<string, string>());
}

/// <summary>
/// The environment a project starts with, written exactly as .NET Aspire writes it, so that a service runs unchanged
/// under either: ConnectionStrings__{name}, services__{name}__http__0, ASPNETCORE_URLS, OTEL_*, Orleans__*.
/// </summary>
public static class ProjectEnvironment
{
    public static SortedDictionary<string, string> For(ProjectResource project, SharedEnvironment shared)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = RequireUrl(project, project.HttpEndpoint),
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}",
            // One line per log entry keeps the name prefix on every line of the console.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (!string.IsNullOrWhiteSpace(shared.OtlpEndpoint))
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = shared.OtlpEndpoint;
        }

        foreach (var (key, value) in shared.Variables)
        {
            env[key] = value;
        }

        foreach (var reference in project.Annotations.OfType<ResourceReferenceAnnotation>())
        {
            AddReference(env, project, reference.Resource);
        }

        var context = new EnvironmentContext(env);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        return env;
    }

    private static void AddReference(IDictionary<string, string> env, ProjectResource project, IResource resource)
    {
        switch (resource)
        {
            case IResourceWithConnectionString withConnectionString:
                env[$"ConnectionStrings__{resource.Name}"] = withConnectionString.ConnectionString
                    ?? throw new InvalidOperationException($"'{project.Name}' references '{resource.Name}', whose connection string is not known yet.");
                break;
            case ProjectResource other:
                foreach (var endpoint in other.Annotations.OfType<EndpointAnnotation>().Where(e => e.Scheme is "http" or "https"))
                {
                    env[$"services__{other.Name}__{endpoint.Name}__0"] = RequireUrl(other, endpoint);
                }

                break;
            case OrleansService orleans:
                AddOrleans(env, project, orleans);
                break;
            default:
                throw new InvalidOperationException($"'{project.Name}' cannot reference '{resource.Name}' ({resource.GetType().Name}).");
        }
    }

    private static void AddOrleans(IDictionary<string, string> env, ProjectResource project, OrleansService orleans)
    {
        env["Orleans__ClusterId"] = orleans.ClusterId;
        env["Orleans__ServiceId"] = orleans.ServiceId;
        if (orleans.Clustering is { } clustering)
        {
            env["Orleans__Clustering__ProviderType"] = ProviderType(clustering);
            env["Orleans__Clustering__ConnectionName"] = clustering.Name;
            AddReference(env, project, clustering);
        }

        foreach (var (storageName, provider) in orleans.GrainStorage)
        {
            env[$"Orleans__GrainStorage__{storageName}__ProviderType"] = ProviderType(provider);
            env[$"Orleans__GrainStorage__{storageName}__ConnectionName"] = provider.Name;
            AddReference(env, project, provider);
        }

        foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>())
        {
            var port = endpoint.Port?.ToString(CultureInfo.InvariantCulture);
            switch (endpoint.Name)
            {
                case "orleans-silo":
                    env["Orleans__Endpoints__SiloPort"] = port ?? throw Unallocated(project, endpoint);
                    break;
                case "orleans-gateway":
                    env["Orleans__Endpoints__GatewayPort"] = port ?? throw Unallocated(project, endpoint);
                    break;
            }
        }
    }

    private static string ProviderType(IResource provider) => provider switch
    {
        RedisResource => "Redis",
        PostgresDatabaseResource or PostgresServerResource => "AdoNet",
        _ => throw new InvalidOperationException($"Orleans has no provider for '{provider.Name}' ({provider.GetType().Name})."),
    };

    private static string RequireUrl(IResource resource, EndpointAnnotation endpoint) => endpoint.Url ?? throw Unallocated(resource, endpoint);

    private static InvalidOperationException Unallocated(IResource resource, EndpointAnnotation endpoint) =>
        new($"The '{endpoint.Name}' endpoint of '{resource.Name}' has no port yet.");
}
