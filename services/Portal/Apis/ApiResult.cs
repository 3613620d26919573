using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChampionNetwork.Portal.Apis;

/// <summary>
/// What an API call came to: the value, or the API's RFC 9457 problem (its title, detail and field errors keyed by
/// JSON path, e.g. <c>answers[2].value</c>), which a page shows as the design system's error summary.
/// </summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

public sealed record ApiProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ApiProblem Unavailable(string service) =>
        new(HttpStatusCode.ServiceUnavailable, $"The {service} service is not answering", "Please try again in a minute.", new Dictionary<string, string[]>());
}

internal static class ApiCalls
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ApiResult<T>> ReadAsync<T>(this Task<HttpResponseMessage> call, string service, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await call;
        }
        catch (HttpRequestException)
        {
            return new ApiResult<T>(default, ApiProblem.Unavailable(service));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResult<T>(default, ApiProblem.Unavailable(service));
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var value = typeof(T) == typeof(string)
                    ? (T)(object)await response.Content.ReadAsStringAsync(cancellationToken)
                    : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return new ApiResult<T>(value, null);
            }

            return new ApiResult<T>(default, await ProblemOf(response, cancellationToken));
        }
    }

    private static async Task<ApiProblem> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? title = null, detail = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                var root = document.RootElement;
                title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
                if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? string.Empty)]
                            : [field.Value.ToString()];
                    }
                }
            }
            catch (JsonException)
            {
            }
        }

        return new ApiProblem(response.StatusCode, title ?? DefaultTitle(response.StatusCode), detail, errors);
    }

    private static string DefaultTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Your sign-in has expired: please sign in again",
        HttpStatusCode.Forbidden => "Your role does not allow this",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.Conflict => "That conflicts with what is already recorded",
        _ => "Something went wrong",
    };
}
