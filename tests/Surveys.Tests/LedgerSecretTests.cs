using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.TestInfrastructure.Identity;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// The ledger secret is the service's own: never derived from the signing key, and checked when the service starts
/// in every environment, not at the first response. No servers are needed: the check comes before any connection.
/// </summary>
public sealed class LedgerSecretTests
{
    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", null)]
    [InlineData("Production", "c2hvcnQ=")]
    [InlineData("Development", "not base64 at all")]
    public async Task Surveys_refuses_to_start_without_a_valid_ledger_secret(string environment, string? secret)
    {
        var settings = ServiceSettings.Surveys(new Uri("amqp://guest:guest@127.0.0.1:1/"), "Host=127.0.0.1;Port=1;Database=unused", new TestIdentity());
        settings["Anonymity:LedgerSecret"] = secret;
        settings["environment"] = environment;
        if (environment == "Production")
        {
            // Production takes tokens from an authority only; the identity check must not be what stops the start.
            settings["Identity:SigningKey"] = null;
            settings["Identity:Authority"] = "https://login.example.scot";
        }

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(settings, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(typeof(OptionsValidationException).FullName!, output, StringComparison.Ordinal);
        Assert.Contains("Anonymity:LedgerSecret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Surveys_refuses_a_release_period_that_is_not_positive()
    {
        var settings = ServiceSettings.Surveys(new Uri("amqp://guest:guest@127.0.0.1:1/"), "Host=127.0.0.1;Port=1;Database=unused", new TestIdentity());
        settings["Anonymity:ReleaseEvery"] = "00:00:00";

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(settings, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(typeof(OptionsValidationException).FullName!, output, StringComparison.Ordinal);
        Assert.Contains("Anonymity:ReleaseEvery", output, StringComparison.Ordinal);
    }
}
