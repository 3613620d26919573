using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChampionNetwork.ServiceDefaults.OpenApi;

/// <summary>
/// Server URLs without a trailing slash: every path starts with one, and a client that joins the two would otherwise
/// call <c>//api/...</c>.
/// </summary>
internal sealed class ServerUrlTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        return Task.CompletedTask;
    }
}
