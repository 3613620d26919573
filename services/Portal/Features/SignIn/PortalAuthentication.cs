using ChampionNetwork.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChampionNetwork.Portal.Features.SignIn;

/// <summary>
/// A person signs in to the portal with a cookie that holds their API token. In production the token comes from the
/// OIDC authority (<c>Identity__Authority</c>, with <c>Identity__ClientId</c> and <c>Identity__ClientSecret</c>); in
/// Development, with no authority, "sign in as" issues one with the AppHost's development key.
/// </summary>
public static class PortalAuthentication
{
    public const string AccessToken = "access_token";

    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        var oidc = !string.IsNullOrWhiteSpace(identity.Authority);
        builder.Services.AddSingleton(new SignInMode(oidc ? SignInKind.OpenIdConnect : SignInKind.DevelopmentKey, identity));

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = oidc ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.Cookie.Name = "championnetwork.portal";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/error/403";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
        });
        if (oidc)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = identity.Authority;
                options.ClientId = builder.Configuration["Identity:ClientId"] ?? "championnetwork-portal";
                options.ClientSecret = builder.Configuration["Identity:ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.TokenValidationParameters.RoleClaimType = ChampionClaims.Role;
                options.TokenValidationParameters.NameClaimType = ChampionClaims.Subject;
            });
        }

        return builder;
    }

    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        // Pages get the portal's own error page (never a stack trace); /api-style problem details stay for health checks.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseExceptionHandler("/error/500");
        return app;
    }

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign-out", async (HttpContext http, SignInMode mode) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (mode.Kind == SignInKind.OpenIdConnect)
            {
                await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
                return Results.Empty;
            }

            return Results.Redirect("/");
        });
        return app;
    }
}

public enum SignInKind
{
    DevelopmentKey,
    OpenIdConnect,
}

public sealed record SignInMode(SignInKind Kind, IdentityOptions Identity);
