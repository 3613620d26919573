using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace ChampionNetwork.Portal.Features.SignIn;

/// <summary>Sends the signed-in person's own token with every API call; anonymous pages call anonymously.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { User.Identity.IsAuthenticated: true } http
            && await http.GetTokenAsync(PortalAuthentication.AccessToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
