namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>A server could not be had; the message says what to do.</summary>
public sealed class ProvisioningException : Exception
{
    public ProvisioningException()
    {
    }

    public ProvisioningException(string message) : base(message)
    {
    }

    public ProvisioningException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static ProvisioningException NotInstalled(string resourceName, string debianPackage) => new(
        $"'{resourceName}' needs {debianPackage}: no ConnectionStrings__{resourceName} is configured, no Docker engine answers, "
        + $"and {debianPackage} is not installed. Install it with: sudo apt-get update && sudo apt-get install -y {debianPackage} "
        + "(./run.sh does this for you).");
}
