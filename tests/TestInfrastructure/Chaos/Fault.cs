namespace ChampionNetwork.TestInfrastructure.Chaos;

/// <summary>One kill -9: which AppHost resource, and which process of it (the Erlang VM for RabbitMQ).</summary>
public sealed record Fault(string Name, string Resource, string? ProcessInTree = null)
{
    /// <summary>Surveys, the InsightHub silo, the RabbitMQ beam VM, redis-server, the postgres postmaster: one after another.</summary>
    public static IReadOnlyList<Fault> All { get; } =
    [
        new("surveys-api", "surveys-api"),
        new("insighthub silo", "insighthub"),
        new("rabbitmq (beam)", "eventbus", "beam.smp"),
        new("redis-server", "redis"),
        new("postgres (postmaster)", "postgres"),
    ];
}

/// <summary>How long one fault took to heal: until the AppHost reported everything healthy, and until a 202 again.</summary>
public sealed record Recovery(Fault Fault, int KilledPid, TimeSpan Healthy, TimeSpan Accepting);
