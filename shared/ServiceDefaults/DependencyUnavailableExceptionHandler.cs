using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChampionNetwork.ServiceDefaults;

/// <summary>
/// A database that cannot be reached (refused, reset, shutting down, timed out) is a 503 problem+json with
/// Retry-After, not a 500: the request did not take effect, and the client may retry it (with its Idempotency-Key).
/// </summary>
internal sealed partial class DependencyUnavailableExceptionHandler(ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Path, exception.GetBaseException().Message);
        return await ServiceUnavailableProblem.WriteAsync(
            httpContext,
            RetryAfterSeconds,
            "Service temporarily unavailable",
            "A service this request depends on is unavailable. Retry later; with the same Idempotency-Key a retry is safe.",
            exception);
    }

    /// <summary>A transient Npgsql failure, a socket error or a timeout anywhere in the chain.</summary>
    internal static bool IsUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "503 for {Path}: a dependency is unavailable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);
}
