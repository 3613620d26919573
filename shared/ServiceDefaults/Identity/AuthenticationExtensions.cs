using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

using ChampionNetwork.Identity;

namespace ChampionNetwork.ServiceDefaults.Identity;

public static class AuthenticationExtensions
{
    public static TBuilder AddChampionAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        IdentityConfigurationGuard.Check(builder.Environment, options);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    RoleClaimType = ChampionClaims.Role,
                    NameClaimType = ChampionClaims.Subject,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };

                if (!string.IsNullOrWhiteSpace(options.Authority))
                {
                    jwt.Authority = options.Authority;
                    jwt.Audience = options.Audience;
                }
                else if (!string.IsNullOrWhiteSpace(options.SigningKey))
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentSigningKey.From(options.SigningKey);
                }
                else
                {
                    // No identity configured: every token is rejected rather than every token accepted.
                    jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentSigningKey.Random();
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Champion, p => p.RequireRole(Roles.Champion))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.PolicyAnalyst, p => p.RequireRole(Roles.PolicyAnalyst, Roles.Admin))
            .AddPolicy(Policies.OrgEditor, p => p.RequireRole(Roles.OrgEditor, Roles.Admin))
            .AddPolicy(Policies.Reviewer, p => p.RequireRole(Roles.Reviewer, Roles.Admin));
        return builder;
    }
}

/// <summary>Authorization policy names; each admits the role of the same name (and admin where an admin may act).</summary>
public static class Policies
{
    public const string Champion = "champion";
    public const string Admin = "admin";
    public const string PolicyAnalyst = "policy-analyst";
    public const string OrgEditor = "org-editor";
    public const string Reviewer = "reviewer";
}
