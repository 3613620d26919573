using ChampionNetwork.AppHost.Orchestration;
using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.AppHost.Model;

public interface IDistributedApplicationBuilder
{
    IConfiguration Configuration { get; }

    AppHostOptions Options { get; }

    DistributedApplicationModel Model { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    DistributedApplication Build();
}

/// <summary>Collects the resource graph; <see cref="Build"/> hands it to the orchestrator.</summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    internal DistributedApplicationBuilder(AppHostOptions options, IConfiguration configuration)
    {
        Options = options;
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    public AppHostOptions Options { get; }

    public DistributedApplicationModel Model { get; } = new();

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        Model.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build() => new(Model, Options, Configuration);
}

/// <summary>The resources, in the order they were declared; names are unique.</summary>
public sealed class DistributedApplicationModel
{
    private readonly List<IResource> _resources = [];

    public IReadOnlyList<IResource> Resources => _resources;

    public void Add(IResource resource)
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
    }

    public IResource this[string name] => _resources.Single(r => r.Name == name);
}
