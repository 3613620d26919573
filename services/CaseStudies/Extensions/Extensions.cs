using ChampionNetwork.CaseStudies.Data;
using ChampionNetwork.CaseStudies.Scheduling;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Markdown;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace ChampionNetwork.CaseStudies.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(CaseStudiesDb.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{CaseStudiesDb.ConnectionName} is not set. Run through the AppHost (./run.sh) or set ConnectionStrings__{CaseStudiesDb.ConnectionName}.");

        builder.Services.AddDbContext<CaseStudiesDb>((services, options) => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .UseTransactionalOutbox(services));
        builder.Services.AddHealthChecks().AddDbContextCheck<CaseStudiesDb>("casestudiesdb", tags: ["ready"]);

        // The schema must exist before the outbox relay, the bus and the scheduler start: hosted services start in this order.
        builder.Services.AddHostedService<CaseStudiesDbInitializer>();
        builder.AddTransactionalOutbox<CaseStudiesDb>();
        builder.AddChampionMessaging("eventbus", typeof(Program).Assembly);

        builder.Services.AddSingleton(AreaRegistry.Default);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<WorkflowRunner>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduledPublisher>());

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
