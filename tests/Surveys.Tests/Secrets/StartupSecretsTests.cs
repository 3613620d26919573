using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChampionNetwork.Surveys.Tests.Secrets;

/// <summary>
/// Outside Development a misconfigured service refuses to start, rather than failing at the first response or running
/// with a key that lets its holder mint tokens. No server is needed: the host stops before it would reach one.
/// </summary>
public sealed class StartupSecretsTests
{
    private static readonly string LedgerSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_production_service_with_a_shared_signing_key_refuses_to_start()
    {
        var error = StartFails("Production", new()
        {
            ["Identity:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Anonymity:LedgerSecret"] = LedgerSecret,
        });

        Assert.Contains("Identity:SigningKey", error, StringComparison.Ordinal);
        Assert.Contains("Identity:Authority", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_service_without_an_authority_refuses_to_start()
    {
        var error = StartFails("Production", new() { ["Anonymity:LedgerSecret"] = LedgerSecret });

        Assert.Contains("Identity:Authority", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void Surveys_without_a_ledger_secret_refuses_to_start_not_at_the_first_response(string environment)
    {
        var error = StartFails(environment, new()
        {
            ["Identity:Authority"] = "https://login.example.scot",
            ["Identity:SigningKey"] = environment == "Development" ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null,
        });

        Assert.Contains("Anonymity:LedgerSecret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ledger_secret_is_not_derived_from_the_signing_key_in_development()
    {
        // Before: Development derived the ledger secret from Identity:SigningKey, so a token signer could test ledger entries.
        var error = StartFails("Development", new() { ["Identity:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        Assert.Contains("Anonymity:LedgerSecret", error, StringComparison.Ordinal);
    }

    private static string StartFails(string environment, Dictionary<string, string?> settings)
    {
        // A closed port: nothing may be reached before the configuration is checked.
        settings["ConnectionStrings:surveysdb"] = "Host=127.0.0.1;Port=9;Database=nowhere;Username=nobody;Password=x;Timeout=1";
        settings["ConnectionStrings:eventbus"] = "amqp://guest:guest@127.0.0.1:9/";
        using var factory = new MisconfiguredSurveys(environment, settings);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        return Flatten(error);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : "");

    private sealed class MisconfiguredSurveys(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
