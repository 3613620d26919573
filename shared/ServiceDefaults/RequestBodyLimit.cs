using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.ServiceDefaults;

/// <summary>
/// Our APIs take small JSON documents, so a body over <c>Http:MaxRequestBodyBytes</c> (1 MiB by default) is refused with
/// a 413 problem before anything reads it, whatever server hosts the service.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var maxBytes = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Http:MaxRequestBodyBytes", DefaultMaxBytes);
        return app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "Request body too large",
                        Detail = $"This API accepts request bodies of up to {maxBytes:N0} bytes.",
                    },
                });
                return;
            }

            // Bodies without a Content-Length (chunked) are cut off at the same size by the server, where it can.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBytes;
            }

            await next(context);
        });
    }
}
