using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChampionNetwork.ServiceDefaults;

/// <summary>A 503 problem+json with Retry-After: the request did not take effect, and the client may retry it then.</summary>
public static class ServiceUnavailableProblem
{
    public static ValueTask<bool> WriteAsync(HttpContext httpContext, int retryAfterSeconds, string title, string detail, Exception? exception = null)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = title,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                Detail = detail,
            },
        });
    }
}
