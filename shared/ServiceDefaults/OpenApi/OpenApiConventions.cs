using ChampionNetwork.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.OpenApi;

// Beside AddOpenApi, so that a service adds it with no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What every service's OpenAPI document declares, so that clients generated from it work as they are.</summary>
public static class OpenApiConventions
{
    public static OpenApiOptions AddChampionConventions(this OpenApiOptions options)
    {
        options.AddBearerSecurity();
        options.AddDocumentTransformer<ServerUrlTransformer>();
        return options;
    }
}
