using System.Globalization;

namespace ChampionNetwork.AppHost;

/// <summary>
/// How often Surveys releases accepted responses (in one shuffled batch) and InsightHub publishes its feed snapshots:
/// the time resolution anyone outside Surveys can ever see. Each service's own default is a day. The AppHost runs the
/// platform for development and demos, so it uses a minute unless told otherwise: <c>./run.sh AppHost:Cadence=1.00:00:00</c>
/// runs with the production cadence.
/// </summary>
internal static class PublicationCadence
{
    public const string Key = "AppHost:Cadence";
    private static readonly TimeSpan Demo = TimeSpan.FromMinutes(1);

    public static string From(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Demo.ToString("c", CultureInfo.InvariantCulture);
        }

        return TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var cadence) && cadence > TimeSpan.Zero
            ? cadence.ToString("c", CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{Key} is '{configured}': give a positive time span such as 00:01:00 or 1.00:00:00.");
    }
}
