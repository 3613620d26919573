using ChampionNetwork.Disclosure;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.Surveys.Instruments;
using ChampionNetwork.Surveys.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace ChampionNetwork.Surveys.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(SurveysDb.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{SurveysDb.ConnectionName} is not set. Run through the AppHost (./run.sh) or set ConnectionStrings__{SurveysDb.ConnectionName}.");

        // Pooled: a submission's context is reset and reused rather than built again (the outbox interceptor is a singleton).
        builder.Services.AddDbContextPool<SurveysDb>((services, options) => options
            .UseNpgsql(connectionString)
            .UseTransactionalOutbox(services));
        builder.Services.AddHealthChecks().AddDbContextCheck<SurveysDb>("surveysdb", tags: ["ready"]);

        // The schema must exist before the outbox relay and the bus start: hosted services start in this order.
        builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.SectionName));
        builder.Services.AddHostedService<SurveysDbInitializer>();

        builder.AddTransactionalOutbox<SurveysDb>();
        builder.AddChampionMessaging("eventbus", typeof(Program).Assembly);

        // The ledger secret is checked at start-up in every environment, never derived from another key.
        builder.Services.AddOptions<AnonymityOptions>().Bind(builder.Configuration.GetSection(AnonymityOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AnonymityOptions>, AnonymityOptionsValidator>();
        builder.Services.AddSingleton<ResponseLedger>();
        builder.Services.AddSingleton<PublishedCampaigns>();
        builder.Services.AddSingleton<PublishedInstrumentVersions>();
        builder.Services.AddSingleton<IntakeSeal>();
        builder.Services.AddSingleton<ResponseRelease>();
        builder.Services.AddHostedService<ResponseReleaseService>();
        builder.Services.AddSingleton<CampaignScheduler>();
        builder.Services.AddSingleton(DisclosurePolicy.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<CampaignProgress>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CampaignScheduler>());

        builder.Services.AddOpenApi(options => options.AddChampionConventions());
        return builder;
    }

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
