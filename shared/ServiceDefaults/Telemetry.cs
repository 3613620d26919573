using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChampionNetwork.ServiceDefaults;

public static class Telemetry
{
    /// <summary>The ActivitySource our own code (outbox relay, consumers, grains) starts spans on.</summary>
    public const string ChampionNetworkSource = "ChampionNetwork";

    // MassTransit 8 publishes its spans and metrics under "MassTransit"; Orleans under "Microsoft.Orleans*".
    private static readonly string[] TraceSources = [ChampionNetworkSource, "MassTransit", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];
    private static readonly string[] Meters = [ChampionNetworkSource, "MassTransit", "Microsoft.Orleans", "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // First, so that every exporter added after it gets spans without the requester's details.
                .AddProcessor(new RequesterTagsProcessor())
                .AddSource(TraceSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(Extensions.HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(Extensions.AlivenessEndpointPath)
                    && !context.Request.Path.StartsWithSegments(Extensions.MetricsEndpointPath))
                .AddHttpClientInstrumentation());

        // OTLP export only when an endpoint is configured, as Aspire's dashboard or a collector would set it.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
