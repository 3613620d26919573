using ChampionNetwork.Identity;

namespace ChampionNetwork.AppHost.Identity;

/// <summary>Every service validates tokens signed with the run's development key (kept in the data folder).</summary>
internal static class DevelopmentIdentity
{
    public static IResourceBuilder<ProjectResource> WithDevelopmentIdentity(this IResourceBuilder<ProjectResource> project, string signingKey)
    {
        foreach (var (name, value) in SigningKeyStore.EnvironmentFor(signingKey))
        {
            project.WithEnvironment(name, value);
        }

        return project;
    }
}
