using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ChampionNetwork.ServiceDefaults.OpenApi;

/// <summary>
/// Gives each operation its security as the authorization middleware decides it: anonymous when the endpoint allows
/// anonymous callers or asks for no authorization (an empty requirement, <c>security: []</c>), otherwise the bearer
/// scheme. There is no fallback policy, so an endpoint without authorization metadata is anonymous.
/// </summary>
internal sealed class BearerSecurityRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any()
            || !metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy or IAuthorizationRequirementData);

        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurity.SchemeName, context.Document)] = [] }];
        return Task.CompletedTask;
    }
}
