namespace ChampionNetwork.AppHost.Supervision;

/// <summary>A resource that runs to completion (the demo seeder): the platform is up only once it has finished.</summary>
internal sealed class OneShotAnnotation : IResourceAnnotation
{
    public static bool On(IResource resource) => resource.Annotations.OfType<OneShotAnnotation>().Any();
}

internal static class OneShotExtensions
{
    public static IResourceBuilder<T> AsOneShot<T>(this IResourceBuilder<T> resource) where T : IResource =>
        resource.WithAnnotation(new OneShotAnnotation());
}
