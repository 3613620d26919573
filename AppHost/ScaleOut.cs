using System.Globalization;

namespace ChampionNetwork.AppHost;

/// <summary>
/// How many instances of each service run: one of each by default; under <c>./run.sh --scale</c> (or
/// <c>AppHost:Scale=true</c>) two of every API behind Aspire's proxy and three InsightHub silos in one Orleans cluster,
/// the smallest set that exercises what several instances share: competing consumers, the outbox relay's lock, the
/// scheduler's claims, webhook delivery claims and grains placed on another silo. <c>AppHost:Scale:ApiReplicas</c> and
/// <c>AppHost:Scale:Silos</c> change the counts.
/// </summary>
internal sealed record ScaleOut(int ApiReplicas, int Silos)
{
    public const string Key = "AppHost:Scale";

    public static ScaleOut From(IConfiguration configuration)
    {
        var on = configuration[Key] is { Length: > 0 } flag && (bool.TryParse(flag, out var scale)
            ? scale
            : throw new InvalidOperationException($"{Key} is '{flag}': give true or false."));
        return new ScaleOut(Count(configuration, "ApiReplicas", on ? 2 : 1), Count(configuration, "Silos", on ? 3 : 1));
    }

    private static int Count(IConfiguration configuration, string name, int fallback)
    {
        var configured = configuration[$"{Key}:{name}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return fallback;
        }

        return int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 16
            ? count
            : throw new InvalidOperationException($"{Key}:{name} is '{configured}': give a whole number from 1 to 16.");
    }
}

internal static class ScaleOutExtensions
{
    /// <summary>Aspire's replicas: each its own process, reached through one proxied endpoint that spreads connections.</summary>
    public static IResourceBuilder<ProjectResource> WithInstances(this IResourceBuilder<ProjectResource> project, int count) =>
        count > 1 ? project.WithReplicas(count) : project;
}
