namespace ChampionNetwork.AppHost.Model;

/// <summary>Fluent access to one resource of the graph (Aspire's IResourceBuilder&lt;T&gt;).</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }

    IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation);
}

internal sealed class ResourceBuilder<T>(IDistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T> where T : IResource
{
    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;

    public IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation)
    {
        Resource.Annotations.Add(annotation);
        return this;
    }
}
