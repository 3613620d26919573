using ChampionNetwork.GoodPractice.Adoption;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.GoodPractice.Data;

/// <summary>goodpracticedb: names are snake_case by convention (EFCore.NamingConventions).</summary>
public sealed class GoodPracticeDb(DbContextOptions<GoodPracticeDb> options) : DbContext(options)
{
    public const string ConnectionName = "goodpracticedb";

    /// <summary>Title (A) above summary (B) above body and tags (C), in English, so that "nurses" finds "nurse".</summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, title), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, summary), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, body_text), 'C') || " +
        "setweight(to_tsvector('english'::regconfig, tags_text), 'C')";

    public const string SearchTextSql = "lower(title || ' ' || summary || ' ' || tags_text)";

    public DbSet<PracticeItem> Practices => Set<PracticeItem>();

    public DbSet<PracticeRevision> Revisions => Set<PracticeRevision>();

    public DbSet<PracticeAdoption> Adoptions => Set<PracticeAdoption>();

    public DbSet<PracticeEndorsement> Endorsements => Set<PracticeEndorsement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");

        modelBuilder.Entity<PracticeItem>(item =>
        {
            item.ToTable("practices");
            item.HasKey(p => p.Id);
            item.Property(p => p.Id).ValueGeneratedNever();
            item.Property(p => p.Title).HasMaxLength(PracticeLimits.Title);
            item.Property(p => p.Summary).HasMaxLength(PracticeLimits.Summary);
            item.Property(p => p.OrganisationCode).HasMaxLength(32);
            item.Property(p => p.ContactName).HasMaxLength(PracticeLimits.ContactName);
            item.Property(p => p.ContactEmail).HasMaxLength(PracticeLimits.ContactEmail);
            item.Property(p => p.Links).AsJsonColumn();
            item.Property(p => p.Version).IsConcurrencyToken();
            item.Property(p => p.SearchText).HasComputedColumnSql(SearchTextSql, stored: true);
            // Search reads the vector, and filters, from practice_search (see the PracticeSearchRows migration), which
            // holds their indexes.
            item.Property(p => p.SearchVector).HasColumnType("tsvector").HasComputedColumnSql(SearchVectorSql, stored: true);
            item.HasIndex(p => p.SearchText).HasMethod("GIN").HasOperators("gin_trgm_ops");
            item.HasIndex(p => p.OrganisationCode);
            item.HasIndex(p => new { p.CreatedAt, p.Id });
            item.HasIndex(p => new { p.UpdatedAt, p.Id });
            item.HasIndex(p => new { p.AdoptionCount, p.CreatedAt, p.Id });
        });

        modelBuilder.Entity<PracticeRevision>(revision =>
        {
            revision.ToTable("practice_revisions");
            revision.HasKey(r => new { r.PracticeId, r.Version });
            revision.Property(r => r.Title).HasMaxLength(PracticeLimits.Title);
            revision.Property(r => r.Summary).HasMaxLength(PracticeLimits.Summary);
            revision.Property(r => r.ContactName).HasMaxLength(PracticeLimits.ContactName);
            revision.Property(r => r.ContactEmail).HasMaxLength(PracticeLimits.ContactEmail);
            revision.Property(r => r.Links).AsJsonColumn();
            revision.Property(r => r.SavedBy).HasMaxLength(200);
            revision.HasOne<PracticeItem>().WithMany().HasForeignKey(r => r.PracticeId);
        });

        modelBuilder.Entity<PracticeAdoption>(adoption =>
        {
            adoption.ToTable("adoptions");
            adoption.HasKey(a => new { a.PracticeId, a.OrganisationCode });
            adoption.Property(a => a.OrganisationCode).HasMaxLength(32);
            adoption.Property(a => a.Note).HasMaxLength(PracticeLimits.Note);
            adoption.HasIndex(a => a.OrganisationCode);
            adoption.HasOne<PracticeItem>().WithMany().HasForeignKey(a => a.PracticeId);
        });

        modelBuilder.Entity<PracticeEndorsement>(endorsement =>
        {
            endorsement.ToTable("endorsements");
            endorsement.HasKey(e => new { e.PracticeId, e.OrganisationCode });
            endorsement.Property(e => e.OrganisationCode).HasMaxLength(32);
            endorsement.HasOne<PracticeItem>().WithMany().HasForeignKey(e => e.PracticeId);
        });

        modelBuilder.AddOutboxMessages();
    }
}
