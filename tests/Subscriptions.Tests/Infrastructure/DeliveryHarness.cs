using ChampionNetwork.InsightHub.Subscriptions;
using ChampionNetwork.InsightHub.Subscriptions.Data;
using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using ChampionNetwork.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;

namespace ChampionNetwork.Subscriptions.Tests.Infrastructure;

/// <summary>
/// InsightHub's own delivery machinery (<see cref="SubscriptionsExtensions.AddSubscriptionDelivery"/>: dispatcher,
/// sender, SSRF guard, mailer) on a real insighthubdb, driven by the test on a fake clock: the three-day retry schedule
/// runs in seconds. Receivers and the SMTP relay are real servers on loopback.
/// </summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private DeliveryHarness(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public DeliveryDispatcher Dispatcher => Services.GetRequiredService<DeliveryDispatcher>();

    /// <summary>Loopback allowed (as every test receiver is there), unless <paramref name="allowLoopback"/> is false.</summary>
    public static async Task<DeliveryHarness> StartAsync(string database, bool allowLoopback = true, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["InsightHub:Subscriptions:UnsubscribeSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["InsightHub:Subscriptions:PublicBaseUrl"] = "http://insight.test",
        };
        if (allowLoopback)
        {
            settings["InsightHub:Subscriptions:Webhooks:AllowedNetworks:0"] = "127.0.0.0/8";
            settings["InsightHub:Subscriptions:Webhooks:AllowedNetworks:1"] = "::1/128";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing", ApplicationName = "InsightHub" })
            .AddSingleton(AreaRegistry.Default)
            .AddSubscriptionDelivery(configuration, database)
            .BuildServiceProvider(validateScopes: true);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InsightHubDb>().Database.MigrateAsync();
        }

        return new DeliveryHarness(services, clock);
    }

    public async Task<Subscription> SubscribeAsync(Uri? webhook, string? contactEmail = null, string? email = null)
    {
        var now = Clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Guid.NewGuid(),
            OwnerSubject = "analyst-" + Guid.NewGuid().ToString("N")[..8],
            Channel = webhook is null ? SubscriptionChannel.Email : SubscriptionChannel.Webhook,
            WebhookUrl = webhook?.ToString(),
            Email = email,
            ContactEmail = contactEmail,
            Cadence = SubscriptionCadence.Immediate,
            Secret = webhook is null ? null : SubscriptionsApi.NewSecret(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await WithDbAsync(async db =>
        {
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
        });
        return subscription;
    }

    /// <summary>A test-ping delivery, due now.</summary>
    public async Task<Delivery> PingAsync(Subscription subscription)
    {
        var delivery = Services.GetRequiredService<DeliveryFactory>().Ping(subscription);
        await WithDbAsync(async db =>
        {
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync();
        });
        return delivery;
    }

    public Task<int> DeliverDueAsync() => Dispatcher.DeliverDueAsync(CancellationToken.None);

    /// <summary>Moves the clock from due time to due time, delivering at each, until <paramref name="end"/>.</summary>
    public async Task RunUntilAsync(DateTimeOffset end)
    {
        while (true)
        {
            await DeliverDueAsync();
            var next = await WithDbAsync(db => db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).MinAsync(d => d.NextAttemptAt));
            if (next is null || next > end)
            {
                if (end > Clock.GetUtcNow())
                {
                    Clock.SetUtcNow(end);
                }

                await DeliverDueAsync();
                return;
            }

            if (next > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(next.Value);
            }
        }
    }

    public Task<Delivery> DeliveryAsync(Guid id) => WithDbAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    public Task<Subscription> SubscriptionAsync(Guid id) => WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id));

    public Task<List<DeliveryAttempt>> AttemptsAsync(Guid deliveryId) =>
        WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToListAsync());

    public Task<List<Delivery>> DeliveriesAsync(Guid subscriptionId) =>
        WithDbAsync(db => db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId).OrderBy(d => d.CreatedAt).ToListAsync());

    public async Task<T> WithDbAsync<T>(Func<InsightHubDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<InsightHubDb>());
    }

    public async Task WithDbAsync(Func<InsightHubDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<InsightHubDb>());
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
