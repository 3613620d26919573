using ChampionNetwork.AppHost.Orchestration;
using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.AppHost.Model;

/// <summary>The built application: <see cref="RunAsync"/> starts every resource and stops them all on Ctrl+C or SIGTERM.</summary>
public sealed class DistributedApplication
{
    internal DistributedApplication(DistributedApplicationModel model, AppHostOptions options, IConfiguration configuration)
    {
        Model = model;
        Options = options;
        Configuration = configuration;
    }

    public DistributedApplicationModel Model { get; }

    internal AppHostOptions Options { get; }

    internal IConfiguration Configuration { get; }

    /// <summary>Reads --fresh, --data-dir and the AppHost's configuration (appsettings.json, then the environment).</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var options = AppHostOptions.Parse(args);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new DistributedApplicationBuilder(options, configuration);
    }

    /// <summary>For tests: a builder with the given options and configuration.</summary>
    internal static DistributedApplicationBuilder CreateBuilder(AppHostOptions options, IConfiguration configuration) => new(options, configuration);

    /// <summary>Runs until Ctrl+C or SIGTERM; returns the process exit code.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) => AppHostRun.RunAsync(this, cancellationToken);
}
