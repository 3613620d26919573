namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>Where a server comes from, in the order the AppHost tries them.</summary>
public enum ProvisioningSource
{
    /// <summary>ConnectionStrings:{name} is already in configuration or the environment: used as it is.</summary>
    Configured,

    /// <summary>A Docker engine answers: the container Aspire would run.</summary>
    Container,

    /// <summary>The server binary is installed: started as a child process on a free port, data under .apphost/.</summary>
    LocalBinary,

    /// <summary>None of the above: the AppHost stops with the install command.</summary>
    Missing,
}

/// <summary>The first source that works, as ARCHITECTURE.md orders them.</summary>
public static class ProvisioningDecision
{
    public static ProvisioningSource Choose(string? configuredConnectionString, bool dockerAnswers, bool localBinaryInstalled) =>
        !string.IsNullOrWhiteSpace(configuredConnectionString) ? ProvisioningSource.Configured
        : dockerAnswers ? ProvisioningSource.Container
        : localBinaryInstalled ? ProvisioningSource.LocalBinary
        : ProvisioningSource.Missing;
}
