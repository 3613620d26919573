using System.Collections.ObjectModel;

namespace ChampionNetwork.AppHost.Model;

/// <summary>Metadata attached to a resource: endpoints, references, waits, images, environment.</summary>
public interface IResourceAnnotation;

public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>;
