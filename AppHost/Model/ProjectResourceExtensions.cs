namespace ChampionNetwork.AppHost.Model;

/// <summary>AddProject, WithReference, WaitFor, WithEnvironment, WithHttpHealthCheck.</summary>
public static class ProjectResourceExtensions
{
    /// <summary>A project with an "http" endpoint on a free port and a /health check (as eShop's ServiceDefaults map it).</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath))
            .WithAnnotation(new EndpointAnnotation("http", "http"))
            .WithHttpHealthCheck("/health");

    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ResourceReferenceAnnotation(source.Resource));

    /// <summary>Starts this resource only once <paramref name="dependency"/> is Running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : IResource
    {
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' cannot wait for itself.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource));
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.Variables[name] = value));

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path) where T : IResource
    {
        foreach (var existing in builder.Resource.Annotations.OfType<HttpHealthCheckAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(existing);
        }

        return builder.WithAnnotation(new HttpHealthCheckAnnotation(path));
    }
}
