using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Messaging.Outbox;

public static class OutboxModel
{
    /// <summary>Adds the <c>outbox_messages</c> table to a service's model.</summary>
    public static ModelBuilder AddOutboxMessages(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.EventType).HasColumnName("event_type").HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(100);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(500);
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error");
            // Not unique: a replay republishes an event with its original id. Every row is pending: published rows are
            // deleted, so the relay's query (in commit order) reads the primary key.
            outbox.HasIndex(m => m.EventId);
        });
        return modelBuilder;
    }
}
