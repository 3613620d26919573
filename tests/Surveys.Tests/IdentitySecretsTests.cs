using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChampionNetwork.Surveys.Tests;

/// <summary>
/// Outside Development a service refuses to start with a key that lets its holder mint any token, or with no OIDC
/// authority at all (LedgerSecretTests covers the ledger secret). No server is needed: the host stops before it would reach one.
/// </summary>
public sealed class IdentitySecretsTests
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
