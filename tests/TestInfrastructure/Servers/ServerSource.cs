namespace ChampionNetwork.TestInfrastructure;

/// <summary>Where a shared test server came from, in the order they are tried.</summary>
public enum ServerSource
{
    /// <summary>A connection string in a CHAMPION_TEST_* variable (./test.sh sets them).</summary>
    Environment,

    /// <summary>A Testcontainers container (a Docker engine answered).</summary>
    Container,

    /// <summary>A locally installed server binary started by this test process.</summary>
    LocalProcess,
}
