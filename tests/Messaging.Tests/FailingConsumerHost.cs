using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Tests.Privacy;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.Messaging.Tests;

/// <summary>A host on the real broker with the platform's messaging and <see cref="AnswerQuotingConsumer"/>, which always fails.</summary>
internal static class FailingConsumerHost
{
    public static async Task<IHost> StartAsync(Uri rabbitMq, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:eventbus"] = rabbitMq.ToString();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddChampionMessaging("eventbus", typeof(AnswerQuotingConsumer).Assembly);
        builder.Services.AddSingleton<Attempts>();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return host;
    }
}
