using ChampionNetwork.AppHost.Identity;
using ChampionNetwork.AppHost.Supervision;

namespace ChampionNetwork.AppHost;

internal static class PlatformDefaults
{
    /// <summary>
    /// What every service of the platform gets: the development signing key, /health as its health in Aspire (what
    /// WaitFor waits for: the service's own RabbitMQ, PostgreSQL and Redis checks), a restart if it crashes, and log levels
    /// that keep per-call Information lines (Polly, Orleans, EF Core) out of the logs; the dashboard has traces for those.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(this IResourceBuilder<ProjectResource> service, string signingKey) =>
        service
            .WithDevelopmentIdentity(signingKey)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Logging__LogLevel__Polly", "Warning")
            .WithEnvironment("Logging__LogLevel__Orleans", "Warning")
            .WithEnvironment("Logging__LogLevel__Microsoft.EntityFrameworkCore", "Warning")
            .WithEnvironment("Logging__LogLevel__System.Net.Http.HttpClient", "Warning")
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
            .WithRestartOnCrash();

    /// <summary>Hands a section of the AppHost's configuration to the project (<c>./run.sh DemoSeed:Responses=3000</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithConfigurationSection(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, string section)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable(makePathsRelative: false).Where(e => e.Value is not null))
        {
            project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        return project;
    }
}
