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
    public void Surveys_refuses_to_start_without_a_valid_ledger_secret(string environment, string? secret)
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
        using var service = new ServiceUnderTest<Program>(settings);

        var failure = Assert.ThrowsAny<Exception>(service.Start);

        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException { InnerExceptions: [var inner] } ? inner : failure);
        Assert.Contains("Anonymity:LedgerSecret", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surveys_refuses_a_release_period_that_is_not_positive()
    {
        var settings = ServiceSettings.Surveys(new Uri("amqp://guest:guest@127.0.0.1:1/"), "Host=127.0.0.1;Port=1;Database=unused", new TestIdentity());
        settings["Anonymity:ReleaseEvery"] = "00:00:00";
        using var service = new ServiceUnderTest<Program>(settings);

        var failure = Assert.ThrowsAny<Exception>(service.Start);

        Assert.Contains("Anonymity:ReleaseEvery", failure.ToString(), StringComparison.Ordinal);
    }
}
