namespace ChampionNetwork.AppHost.Model;

/// <summary>AddOrleans(...).WithClustering(redis).WithGrainStorage("insight", redis), as Aspire.Hosting.Orleans spells it.</summary>
public static class OrleansExtensions
{
    public static IResourceBuilder<OrleansService> AddOrleans(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new OrleansService(name));

    public static IResourceBuilder<OrleansService> WithClustering(this IResourceBuilder<OrleansService> builder, IResourceBuilder<IResourceWithConnectionString> provider)
    {
        builder.Resource.Clustering = provider.Resource;
        return builder;
    }

    public static IResourceBuilder<OrleansService> WithGrainStorage(
        this IResourceBuilder<OrleansService> builder, string storageName, IResourceBuilder<IResourceWithConnectionString> provider)
    {
        builder.Resource.GrainStorage[storageName] = provider.Resource;
        return builder;
    }

    public static IResourceBuilder<OrleansService> WithClusterId(this IResourceBuilder<OrleansService> builder, string clusterId)
    {
        builder.Resource.ClusterId = clusterId;
        return builder;
    }

    public static IResourceBuilder<OrleansService> WithServiceId(this IResourceBuilder<OrleansService> builder, string serviceId)
    {
        builder.Resource.ServiceId = serviceId;
        return builder;
    }

    /// <summary>
    /// The project joins the cluster: it gets silo and gateway endpoints of its own, and every Orleans__* key.
    /// The clustering and storage servers become references too (ConnectionStrings__redis).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<OrleansService> orleans)
    {
        var endpoints = builder.Resource.Annotations.OfType<EndpointAnnotation>().Select(e => e.Name).ToHashSet();
        if (!endpoints.Contains("orleans-silo"))
        {
            builder.WithAnnotation(new EndpointAnnotation("orleans-silo", "tcp"));
            builder.WithAnnotation(new EndpointAnnotation("orleans-gateway", "tcp"));
        }

        builder.WithAnnotation(new ResourceReferenceAnnotation(orleans.Resource));
        return builder;
    }
}
