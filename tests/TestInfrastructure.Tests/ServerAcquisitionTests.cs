using ChampionNetwork.TestInfrastructure.Servers.Sources;

namespace ChampionNetwork.TestInfrastructure.Tests;

/// <summary>The order of sources and the failure messages, with fake sources (no server needed).</summary>
public class ServerAcquisitionTests
{
    [Fact]
    public async Task With_nothing_available_the_error_names_every_source_and_the_install_command()
    {
        var error = await Assert.ThrowsAsync<ServerStartException>(() => AcquireAsync(
            environmentValue: null,
            container: Unavailable("no Docker engine answered"),
            local: Unavailable("redis-server is not installed")));

        Assert.Contains("is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("no Docker engine answered", error.Message, StringComparison.Ordinal);
        Assert.Contains("redis-server is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y rabbitmq-server redis-server postgresql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_server_that_does_not_answer_fails_instead_of_falling_through()
    {
        var error = await Assert.ThrowsAsync<ServerStartException>(() => AcquireAsync(
            environmentValue: "127.0.0.1:1",
            container: Available("container"),
            local: Available("local"),
            fromEnvironment: _ => throw new InvalidOperationException("connection refused")));

        Assert.Contains("is set, but the Fake it names did not answer: connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_container_falls_through_to_the_local_binary()
    {
        var server = await AcquireAsync(
            environmentValue: null,
            container: new ServerOption<string>("-", () => true, _ => throw new InvalidOperationException("image pull failed")),
            local: Available("local"));

        Assert.Equal("local", server);
    }

    [Fact]
    public async Task The_environment_wins_over_everything_else()
    {
        var server = await AcquireAsync(environmentValue: "configured", container: Available("container"), local: Available("local"));

        Assert.Equal("from configured", server);
    }

    private static async Task<string> AcquireAsync(
        string? environmentValue,
        ServerOption<string> container,
        ServerOption<string> local,
        Func<string, string>? fromEnvironment = null)
    {
        var variable = "CHAMPION_TEST_FAKE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, environmentValue);
        try
        {
            return await ServerAcquisition.AcquireAsync(
                "Fake",
                variable,
                (value, _) => Task.FromResult((fromEnvironment ?? (v => "from " + v))(value)),
                container,
                local,
                CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static ServerOption<string> Available(string name) => new("-", () => true, _ => Task.FromResult(name));

    private static ServerOption<string> Unavailable(string whenMissing) =>
        new(whenMissing, () => false, _ => throw new InvalidOperationException("must not be started"));
}
