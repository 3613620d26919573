using System.Reflection;
using ChampionNetwork.Messaging.Outbox;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.Messaging.Bus;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ: consumers from the given assemblies, prefetch and concurrency from
    /// configuration, short in-memory retries then the <c>_error</c> queue (no delayed redelivery, no exception text,
    /// no Fault events), the in-memory outbox on every consumer so that what a consumer publishes goes out only if it
    /// succeeds, and nothing on the wire that dates a message finer than the day. With <c>Messaging:QuorumQueues</c> set,
    /// every receive endpoint is a quorum queue (see <see cref="MessagingOptions.QuorumQueues"/>).
    /// </summary>
    public static IHostApplicationBuilder AddChampionMessaging(this IHostApplicationBuilder builder, string connectionName, params Assembly[] consumerAssemblies)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set. Run the platform through the AppHost (./run.sh) or set ConnectionStrings__{connectionName} to an AMQP URI.");
        var endpoint = RabbitMqEndpoint.Parse(connectionString);
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.Configure<MessagingOptions>(builder.Configuration.GetSection(MessagingOptions.SectionName));

        // The host starts even while the broker is down: the outbox keeps accepting events and the bus connects when it
        // can. /health (the masstransit-bus check) says when the endpoints are ready; the AppHost's WaitFor uses it.
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8 reports usage to its vendor's host on start; a platform for NHS data does not phone home.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var assembly in consumerAssemblies)
            {
                bus.AddConsumers(assembly);
            }

            bus.AddConfigureEndpointsCallback((context, _, endpointConfigurator) =>
            {
                // A failed message goes to _error as it came, without the exception's text or time; and no Fault<T>
                // carrying the message is published (nothing consumes one here).
                endpointConfigurator.PublishFaults = false;
                endpointConfigurator.ConfigureError(error =>
                {
                    error.UseFilter(new GenerateFaultFilter());
                    error.UseFilter(new ErrorQueueTransportFilter());
                });
                endpointConfigurator.UseMessageRetry(retry =>
                {
                    retry.Ignore<PermanentMessageFailure>();
                    retry.Intervals([.. options.RetryIntervals]);
                });
                endpointConfigurator.UseInMemoryOutbox(context);
                if (options.QuorumQueues > 0 && endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue(options.QuorumQueues);
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, connectionName, host =>
                {
                    host.Username(endpoint.Username);
                    host.Password(endpoint.Password);
                    host.PublisherConfirmation = true;
                    if (options.ClusterNodes is { Length: > 0 } nodes)
                    {
                        host.UseCluster(cluster =>
                        {
                            foreach (var node in nodes)
                            {
                                cluster.Node(node);
                            }
                        });
                    }
                });
                // Nothing on the wire finer than the day: the envelope's sent time, and no time-bearing ids.
                rabbit.AddSerializer(new DayPrecisionEnvelopeSerializerFactory(context.GetService<TimeProvider>() ?? TimeProvider.System));
                // Publishing runs the publish pipe, sending the send pipe; the ids need untiming on both.
                var untimedIds = new UntimedMessageIdsFilter();
                rabbit.ConfigureSend(send => send.UseFilter<SendContext>(untimedIds));
                rabbit.ConfigurePublish(publish => publish.UseFilter<PublishContext>(untimedIds));
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.ConcurrentMessageLimit = options.ConcurrentMessageLimit ?? options.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    /// <summary>
    /// The transactional outbox for a service's <typeparamref name="TContext"/>: events added with
    /// <see cref="OutboxDbContextExtensions.AddIntegrationEvent"/> are committed with the change and
    /// published afterwards, in order, by <see cref="OutboxRelay{TContext}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddTransactionalOutbox<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.SectionName));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton<IntegrationEventTypes>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }
}

/// <summary>Thrown by a consumer for a message that can never succeed; it goes straight to the <c>_error</c> queue.</summary>
public sealed class PermanentMessageFailure(string message) : Exception(message);
