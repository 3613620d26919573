namespace ChampionNetwork.ServiceDefaults;

public static class HealthTags
{
    /// <summary>Checks that say the process itself is alive (no dependencies).</summary>
    public const string Live = "live";

    /// <summary>Checks that say the service can do its job (its servers answer).</summary>
    public const string Ready = "ready";
}
