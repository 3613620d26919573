using ChampionNetwork.GoodPractice.Data;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.GoodPractice.Search;
using ChampionNetwork.Markdown;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scalar.AspNetCore;

namespace ChampionNetwork.GoodPractice.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(GoodPracticeDb.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{GoodPracticeDb.ConnectionName} is not set. Run through the AppHost (./run.sh) or set ConnectionStrings__{GoodPracticeDb.ConnectionName}.");

        // One pool for EF Core and for search's own SQL. Search builds its SQL from a few shapes and runs them again
        // and again, so they are prepared. Each is still planned for its own words (custom plans): a generic plan
        // cannot tell a rare word from a common one, and cost the search benchmark a quarter of its p99.
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString)
        {
            ConnectionStringBuilder = { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, Options = "-c plan_cache_mode=force_custom_plan" },
        }.Build());
        builder.Services.AddDbContext<GoodPracticeDb>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            .UseTransactionalOutbox(services));
        builder.Services.AddHealthChecks().AddDbContextCheck<GoodPracticeDb>("goodpracticedb", tags: ["ready"]);

        // The schema must exist before the outbox relay and the bus start: hosted services start in this order.
        builder.Services.AddHostedService<GoodPracticeDbInitializer>();
        builder.AddTransactionalOutbox<GoodPracticeDb>();
        builder.AddChampionMessaging("eventbus", typeof(Program).Assembly);

        builder.Services.AddSingleton(AreaRegistry.Default);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<SpellingCorrection>();
        builder.Services.AddScoped<PracticeSearch>();
        builder.AddSearchConcurrency();
        builder.AddSearchAnswers();

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
