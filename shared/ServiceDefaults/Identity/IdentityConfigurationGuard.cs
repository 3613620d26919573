using Microsoft.Extensions.Hosting;

using ChampionNetwork.Identity;

namespace ChampionNetwork.ServiceDefaults.Identity;

/// <summary>
/// A shared signing key lets whoever holds it mint any champion's, analyst's or admin's token, so it is for
/// Development (and the test suite's Testing environment) only. Anywhere else a service refuses to start unless tokens
/// come from an OIDC authority.
/// </summary>
public static class IdentityConfigurationGuard
{
    public const string TestingEnvironment = "Testing";

    public static void Check(IHostEnvironment environment, IdentityOptions options)
    {
        if (environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException(
                $"Identity:SigningKey is set in the {environment.EnvironmentName} environment. A shared signing key is for Development only: remove it and set Identity:Authority to your OIDC issuer.");
        }

        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException(
                $"Identity:Authority is not set in the {environment.EnvironmentName} environment. Set it to your OIDC issuer (Identity__Authority).");
        }
    }
}
