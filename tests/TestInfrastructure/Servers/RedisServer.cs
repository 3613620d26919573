namespace ChampionNetwork.TestInfrastructure;

/// <summary>The Redis shared by every test in this process; isolate test classes by key prefix.</summary>
public sealed class RedisServer
{
    internal RedisServer(string connectionString, ServerSource source)
    {
        ConnectionString = connectionString;
        Source = source;
    }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string ConnectionString { get; }

    public ServerSource Source { get; }
}
