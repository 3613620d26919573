namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>One kill -9: which AppHost resource, and what the killed process's command line must contain (a check that the pid is the one meant).</summary>
public sealed record Fault(string Name, string Resource, string Process)
{
    /// <summary>Surveys, the InsightHub silo, the RabbitMQ beam VM, redis-server, the postgres postmaster: one after another.</summary>
    public static IReadOnlyList<Fault> All { get; } =
    [
        new("surveys-api", "surveys-api", "ChampionNetwork.Surveys"),
        new("insighthub silo", "insighthub", "ChampionNetwork.InsightHub"),
        new("rabbitmq (beam)", "eventbus", "beam.smp"),
        new("redis-server", "redis", "redis-server"),
        new("postgres (postmaster)", "postgres", "bin/postgres -D"),
    ];
}

/// <summary>How long one fault took to heal: until the AppHost had restarted it and reported everything healthy, and until a 202 again.</summary>
public sealed record Recovery(Fault Fault, int KilledPid, TimeSpan Healthy, TimeSpan Accepting);
