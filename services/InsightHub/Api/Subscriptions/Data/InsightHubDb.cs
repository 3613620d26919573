using ChampionNetwork.InsightHub.Subscriptions.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChampionNetwork.InsightHub.Subscriptions.Data;

/// <summary>insighthubdb: subscriptions, their notices and deliveries, and the delivery log. Names are snake_case by convention.</summary>
public sealed class InsightHubDb(DbContextOptions<InsightHubDb> options) : DbContext(options)
{
    public const string ConnectionName = "insighthubdb";

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<FeedSlice> FeedSlices => Set<FeedSlice>();

    public DbSet<FeedPublication> FeedPublications => Set<FeedPublication>();

    public DbSet<Delivery.Delivery> Deliveries => Set<Delivery.Delivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InsightHubDb).Assembly, t => t.Namespace == typeof(InsightHubDb).Namespace);
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Id).ValueGeneratedNever();
        subscription.Property(s => s.OwnerSubject).HasMaxLength(200);
        subscription.Property(s => s.Name).HasMaxLength(SubscriptionLimits.Name);
        subscription.Property(s => s.Channel).HasConversion<string>().HasMaxLength(16);
        subscription.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(16);
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        subscription.Property(s => s.WebhookUrl).HasMaxLength(SubscriptionLimits.Url);
        subscription.Property(s => s.Email).HasMaxLength(SubscriptionLimits.Email);
        subscription.Property(s => s.ContactEmail).HasMaxLength(SubscriptionLimits.Email);
        subscription.Property(s => s.Secret).HasMaxLength(100);
        subscription.Property(s => s.PreviousSecret).HasMaxLength(100);
        subscription.Property(s => s.DisabledReason).HasMaxLength(500);
        subscription.Ignore(s => s.IsActive);
        subscription.HasIndex(s => s.OwnerSubject);
        subscription.HasIndex(s => new { s.Status, s.NextDigestAt });
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.ToTable("notices");
        notice.HasKey(n => n.Id);
        notice.Property(n => n.Id).ValueGeneratedNever();
        notice.Property(n => n.Kind).HasMaxLength(40);
        notice.Property(n => n.SnapshotKey).HasMaxLength(80);
        notice.Property(n => n.Payload).HasColumnType("jsonb");
        notice.HasOne<Subscription>().WithMany().HasForeignKey(n => n.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The digest job finds a subscription's notices that no delivery holds yet.
        notice.HasIndex(n => new { n.SubscriptionId, n.DeliveryId });
    }
}

internal sealed class FeedSliceConfiguration : IEntityTypeConfiguration<FeedSlice>
{
    public void Configure(EntityTypeBuilder<FeedSlice> slice)
    {
        slice.ToTable("feed_slices");
        slice.HasKey(s => new { s.SubscriptionId, s.SnapshotKey });
        slice.Property(s => s.SnapshotKey).HasMaxLength(80);
        slice.HasOne<Subscription>().WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedPublicationConfiguration : IEntityTypeConfiguration<FeedPublication>
{
    public void Configure(EntityTypeBuilder<FeedPublication> publication)
    {
        publication.ToTable("feed_publications");
        publication.HasKey(p => new { p.SnapshotKey, p.PublishedAt, p.Closed });
        publication.Property(p => p.SnapshotKey).HasMaxLength(80);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery.Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery.Delivery> delivery)
    {
        delivery.ToTable("deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.MessageId).HasMaxLength(40);
        delivery.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Payload).HasColumnType("text");
        delivery.Property(d => d.LastOutcome).HasMaxLength(200);
        delivery.HasIndex(d => d.MessageId).IsUnique();
        // The claim: due pending deliveries, oldest due first.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        delivery.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.ToTable("delivery_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
        attempt.Property(a => a.Outcome).HasMaxLength(200);
        attempt.Property(a => a.Response).HasMaxLength(2 * DeliveryAttempt.ResponseExcerptBytes);
        attempt.HasIndex(a => new { a.SubscriptionId, a.AttemptedAt });
        attempt.HasIndex(a => a.DeliveryId);
        attempt.HasOne<Delivery.Delivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
