namespace ChampionNetwork.TestInfrastructure;

/// <summary>A server for tests could not be found or started. The message says why and what to install.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException()
    {
    }

    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
