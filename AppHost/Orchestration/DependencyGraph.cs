using ChampionNetwork.AppHost.Model;

namespace ChampionNetwork.AppHost.Orchestration;

/// <summary>
/// Who must be up before whom. A resource depends on what it waits for (WaitFor), on what it references
/// (WithReference: its connection string must be known) and on its parent (a database on its server).
/// Start follows <see cref="StartOrder"/>; stop runs <see cref="StopLayers"/>, dependents first.
/// </summary>
public sealed class DependencyGraph
{
    private readonly IReadOnlyList<IResource> _resources;

    public DependencyGraph(IReadOnlyList<IResource> resources)
    {
        _resources = resources;
        StartOrder = Sort();
    }

    /// <summary>Every resource after all it depends on; ties keep declaration order.</summary>
    public IReadOnlyList<IResource> StartOrder { get; }

    /// <summary>Resources that must be healthy before <paramref name="resource"/> starts.</summary>
    public static IEnumerable<IResource> WaitsOf(IResource resource)
    {
        var waits = resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource);
        return resource is IResourceWithParent child ? waits.Prepend(child.Parent).Distinct() : waits.Distinct();
    }

    /// <summary>Everything <paramref name="resource"/> needs, directly: waits, parent, references (through an Orleans service too).</summary>
    public static IEnumerable<IResource> DependenciesOf(IResource resource)
    {
        var references = resource.Annotations.OfType<ResourceReferenceAnnotation>().SelectMany(r => Expand(r.Resource));
        return WaitsOf(resource).Concat(references).Where(r => !ReferenceEquals(r, resource)).Distinct();
    }

    /// <summary>Groups for stopping: the first holds what nothing depends on; each later group only what the earlier ones needed.</summary>
    public IReadOnlyList<IReadOnlyList<IResource>> StopLayers()
    {
        var depth = new Dictionary<IResource, int>();
        foreach (var resource in StartOrder)
        {
            depth[resource] = DependenciesOf(resource).Select(d => depth.GetValueOrDefault(d) + 1).DefaultIfEmpty(0).Max();
        }

        return depth.GroupBy(kv => kv.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<IResource>)g.Select(kv => kv.Key).ToList())
            .ToList();
    }

    private static IEnumerable<IResource> Expand(IResource resource) => resource switch
    {
        OrleansService orleans => new IResource?[] { orleans, orleans.Clustering }
            .Concat(orleans.GrainStorage.Values)
            .OfType<IResource>(),
        _ => [resource],
    };

    private List<IResource> Sort()
    {
        var sorted = new List<IResource>();
        var visiting = new HashSet<IResource>();
        var done = new HashSet<IResource>();

        void Visit(IResource resource, Stack<string> path)
        {
            if (done.Contains(resource))
            {
                return;
            }

            path.Push(resource.Name);
            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"The resources wait for each other in a cycle: {string.Join(" -> ", path.Reverse())}.");
            }

            foreach (var dependency in DependenciesOf(resource))
            {
                if (!_resources.Contains(dependency))
                {
                    throw new InvalidOperationException($"'{resource.Name}' depends on '{dependency.Name}', which is not in the application.");
                }

                Visit(dependency, path);
            }

            visiting.Remove(resource);
            done.Add(resource);
            sorted.Add(resource);
            path.Pop();
        }

        foreach (var resource in _resources)
        {
            Visit(resource, new Stack<string>());
        }

        return sorted;
    }
}
