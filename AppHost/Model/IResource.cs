namespace ChampionNetwork.AppHost.Model;

/// <summary>Anything the AppHost runs or provides: a server, a database on it, a project (Aspire's IResource).</summary>
public interface IResource
{
    string Name { get; }

    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>A resource others reach through ConnectionStrings__{Name}.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string, known once the resource is provisioned (null before).</summary>
    string? ConnectionString { get; }
}

/// <summary>A resource that lives inside another one (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>A resource that can receive environment variables (a project).</summary>
public interface IResourceWithEnvironment : IResource;

public abstract class Resource(string name) : IResource
{
    public string Name { get; } = ResourceNames.Validate(name);

    public ResourceAnnotationCollection Annotations { get; } = [];

    public override string ToString() => Name;
}
