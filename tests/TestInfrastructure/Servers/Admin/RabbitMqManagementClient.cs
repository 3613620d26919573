using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChampionNetwork.TestInfrastructure.Servers.Admin;

/// <summary>The RabbitMQ management HTTP API: about 30 ms per vhost, against about 700 ms for two rabbitmqctl calls.</summary>
internal sealed class RabbitMqManagementClient : IRabbitMqAdmin, IHealthCheck, IDisposable
{
    private const string FullPermissions = """{"configure":".*","write":".*","read":".*"}""";

    private readonly HttpClient _http;

    /// <param name="baseUri">e.g. http://guest:guest@127.0.0.1:15672; credentials in the URI win over the fallbacks.</param>
    public RabbitMqManagementClient(Uri baseUri, string fallbackUser, string fallbackPassword)
    {
        var (user, password) = (fallbackUser, fallbackPassword);
        if (!string.IsNullOrEmpty(baseUri.UserInfo))
        {
            var parts = baseUri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        _http = new HttpClient
        {
            BaseAddress = new UriBuilder(baseUri) { UserName = string.Empty, Password = string.Empty, Path = "/api/" }.Uri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public async Task CreateVirtualHostAsync(string name, string user, CancellationToken ct)
    {
        var vhost = Uri.EscapeDataString(name);
        await SendAsync(HttpMethod.Put, $"vhosts/{vhost}", "{}", ct);
        await SendAsync(HttpMethod.Put, $"permissions/{vhost}/{Uri.EscapeDataString(user)}", FullPermissions, ct);
    }

    /// <summary>Healthy once the management listener answers an authenticated request.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync(HttpMethod.Get, "whoami", null, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"RabbitMQ management API {method} {_http.BaseAddress}{path} answered {(int)response.StatusCode}: {body}",
                null,
                response.StatusCode);
        }
    }
}
