using ChampionNetwork.Contracts;
using ChampionNetwork.Contracts.Surveys;
using ChampionNetwork.Messaging.Bus;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.TestInfrastructure;
using ChampionNetwork.TestInfrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChampionNetwork.Messaging.Tests.Honesty;

/// <summary>
/// The relay publishes in commit order, not in the order PostgreSQL happens to return the rows. Each campaign's
/// CampaignOpened is committed before its CampaignClosed; then the earliest rows are updated, which writes their new
/// versions after every other row in the heap, so an unordered read returns them last. The relay, started only
/// then on real PostgreSQL and RabbitMQ, must still deliver every event in commit order.
/// </summary>
public sealed class OutboxOrderingTests(IsolatedServers servers) : IClassFixture<IsolatedServers>
{
    private const int Campaigns = 10;
    private const int Moved = 3;

    [Fact]
    public async Task Events_arrive_in_commit_order_even_when_the_rows_physical_order_differs()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cancel.Token;
        await using var recorder = await new EventRecorder(servers.RabbitMqUri).Record<CampaignOpened>().Record<CampaignClosed>().StartAsync(ct);
        using var host = await BuildHostAsync();

        var committed = new List<Guid>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrderingDb>();
            await db.Database.EnsureCreatedAsync(ct);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Campaigns; i++)
            {
                var campaign = Guid.NewGuid();
                foreach (IIntegrationEvent announcement in new IIntegrationEvent[]
                {
                    new CampaignOpened(Guid.NewGuid(), now, campaign, $"Campaign {i}", Guid.NewGuid(), 1, now, now.AddDays(1), []),
                    new CampaignClosed(Guid.NewGuid(), now, campaign, now.AddDays(1), []),
                })
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    if (announcement is CampaignOpened opened)
                    {
                        db.AddIntegrationEvent(opened);
                    }
                    else
                    {
                        db.AddIntegrationEvent((CampaignClosed)announcement);
                    }

                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    committed.Add(announcement.EventId);
                }
            }

            // A no-op UPDATE still writes a new version of each row, after all the others.
            var firstSequences = await db.Database.SqlQuery<long>($"SELECT sequence AS \"Value\" FROM outbox_messages ORDER BY sequence LIMIT {Moved}").ToListAsync(ct);
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET event_type = event_type WHERE sequence = ANY({firstSequences.ToArray()})", ct);

            // The premise: the rows' physical order is no longer commit order (PostgreSQL places each new version
            // where it finds room, usually but not always at the end), so a relay reading in heap order would be caught.
            var physical = await db.Database.SqlQuery<long>($"SELECT sequence AS \"Value\" FROM outbox_messages ORDER BY ctid").ToListAsync(ct);
            Assert.False(physical.SequenceEqual(physical.Order()), "The UPDATE left the rows in commit order: " + string.Join(", ", physical));
        }

        await host.StartAsync(ct);
        try
        {
            var arrived = await recorder.WaitForAsync<IIntegrationEvent>(e => e.Count >= committed.Count, TimeSpan.FromSeconds(60), "for every announcement to be published");
            var order = arrived.Select(e => e.EventId).ToList();
            Assert.True(
                committed.SequenceEqual(order),
                "Published out of commit order. Position of each arrival in commit order: " + string.Join(", ", order.Select(id => committed.IndexOf(id))));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<IHost> BuildHostAsync()
    {
        var connectionString = await servers.DatabaseAsync("outboxordering");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:eventbus"] = servers.RabbitMqUri.ToString(),
            ["Outbox:PollIntervalMs"] = "250",
            ["Outbox:PublishTimeoutMs"] = "5000",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<OrderingDb>((services, options) => options.UseNpgsql(connectionString).UseTransactionalOutbox(services));
        builder.AddTransactionalOutbox<OrderingDb>();
        builder.AddChampionMessaging("eventbus");
        return builder.Build();
    }

    /// <summary>A producer's database with nothing but the outbox.</summary>
    private sealed class OrderingDb(DbContextOptions<OrderingDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddOutboxMessages();
    }
}
