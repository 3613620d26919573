using ChampionNetwork.Portal.Features.CaseStudies;
using ChampionNetwork.Portal.Features.Insight;
using ChampionNetwork.Portal.Features.Practices;
using ChampionNetwork.Portal.Features.SignIn;
using ChampionNetwork.Portal.Features.Subscriptions;
using ChampionNetwork.Portal.Features.Surveys;
using Microsoft.Extensions.Http.Resilience;

namespace ChampionNetwork.Portal.Apis;

/// <summary>
/// The portal is the only synchronous caller of the APIs: one typed client per API, each sending the signed-in
/// user's own token, so every API makes its own authorisation decision.
/// </summary>
public static class PlatformApis
{
    public static WebApplicationBuilder AddPlatformApis(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AccessTokenHandler>();
        // A retried POST could share a practice twice; a person resubmits the form instead (a survey answer carries
        // its idempotency key, so a resubmission gets the same receipt).
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(resilience => resilience.Retry.DisableForUnsafeHttpMethods());

        builder.Services.AddHttpClient<SurveysClient>(http => http.BaseAddress = options.SurveysApi).AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<GoodPracticeClient>(http => http.BaseAddress = options.GoodPracticeApi).AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<CaseStudiesClient>(http => http.BaseAddress = options.CaseStudiesApi).AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<SubscriptionsClient>(http => http.BaseAddress = options.InsightHubApi).AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient<InsightClient>(http => http.BaseAddress = options.InsightHubApi).AddHttpMessageHandler<AccessTokenHandler>();
        return builder;
    }
}
