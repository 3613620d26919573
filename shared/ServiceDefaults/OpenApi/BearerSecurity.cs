using ChampionNetwork.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.OpenApi;

// Beside AddOpenApi, so that a service adds it with no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Declares in a service's OpenAPI document how it is called: a JWT bearer token on every operation that requires
/// authorization, and no security on the anonymous ones, so that a generated client sends the token where it is
/// needed (and only there).
/// </summary>
public static class BearerSecurity
{
    /// <summary>The name of the scheme under <c>components.securitySchemes</c>.</summary>
    public const string SchemeName = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        options.AddOperationTransformer<BearerSecurityRequirementTransformer>();
        return options;
    }
}
