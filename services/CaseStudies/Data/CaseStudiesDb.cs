using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Workflow;
using ChampionNetwork.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Data;

/// <summary>casestudiesdb: names are snake_case by convention (EFCore.NamingConventions); states are stored by name.</summary>
public sealed class CaseStudiesDb(DbContextOptions<CaseStudiesDb> options) : DbContext(options)
{
    public const string ConnectionName = "casestudiesdb";

    public DbSet<CaseStudy> CaseStudies => Set<CaseStudy>();

    public DbSet<Edition> Editions => Set<Edition>();

    public DbSet<TransitionRecord> Transitions => Set<TransitionRecord>();

    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseStudy>(study =>
        {
            study.ToTable("case_studies");
            study.HasKey(s => s.Id);
            study.Property(s => s.Id).ValueGeneratedNever();
            study.Property(s => s.Slug).HasMaxLength(CaseStudyLimits.Slug);
            study.HasIndex(s => s.Slug).IsUnique();
            study.Property(s => s.OrganisationCode).HasMaxLength(32);
            study.Property(s => s.CreatedBy).HasMaxLength(200);
            study.Property(s => s.RedirectTo).HasMaxLength(500);
            study.HasMany(s => s.Editions).WithOne().HasForeignKey(e => e.CaseStudyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Edition>(edition =>
        {
            edition.ToTable("editions");
            edition.HasKey(e => new { e.CaseStudyId, e.Number });
            edition.Property(e => e.Number).ValueGeneratedNever();
            edition.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
            edition.Property(e => e.ChangeNoteKind).HasConversion<string>().HasMaxLength(10);
            edition.Property(e => e.Title).HasMaxLength(CaseStudyLimits.Title);
            edition.Property(e => e.Summary).HasMaxLength(CaseStudyLimits.Summary);
            edition.Property(e => e.ChangeNote).HasMaxLength(CaseStudyLimits.ChangeNote);
            edition.Property(e => e.QuotedPeople).AsJsonColumn();
            edition.Property(e => e.AuthorSubject).HasMaxLength(200);
            edition.Property(e => e.ApprovedBy).HasMaxLength(200);
            edition.Property(e => e.ForcePublishedBy).HasMaxLength(200);
            edition.Property(e => e.RetrospectivelyApprovedBy).HasMaxLength(200);
            edition.Ignore(e => e.IsNamesChangedShown);
            // The database holds the invariants too: one public edition and one open edition per case study.
            edition.HasIndex(e => e.CaseStudyId, "ix_editions_one_public").HasDatabaseName("ix_editions_one_public").IsUnique().HasFilter("state IN ('Published', 'Withdrawn')");
            edition.HasIndex(e => e.CaseStudyId, "ix_editions_one_open").HasDatabaseName("ix_editions_one_open").IsUnique()
                .HasFilter("state IN ('Draft', 'Submitted', 'Rejected', 'Approved', 'Scheduled')");
            edition.HasIndex(e => e.ScheduledFor, "ix_editions_due").HasDatabaseName("ix_editions_due").HasFilter("state = 'Scheduled'");
        });

        modelBuilder.Entity<TransitionRecord>(record =>
        {
            record.ToTable("transitions");
            record.HasKey(t => t.Id);
            record.Property(t => t.Id).UseIdentityAlwaysColumn();
            record.Property(t => t.Command).HasMaxLength(40);
            record.Property(t => t.FromState).HasConversion<string>().HasMaxLength(20);
            record.Property(t => t.ToState).HasConversion<string>().HasMaxLength(20);
            record.Property(t => t.Actor).HasMaxLength(200);
            record.Property(t => t.ActedAs).HasMaxLength(100);
            record.HasIndex(t => new { t.CaseStudyId, t.Id });
        });

        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.ToTable("consent_records");
            consent.HasKey(c => c.Id);
            consent.Property(c => c.Id).UseIdentityAlwaysColumn();
            consent.Property(c => c.PersonKey).HasMaxLength(CaseStudyLimits.PersonKey);
            consent.Property(c => c.GivenBy).HasMaxLength(CaseStudyLimits.Name);
            consent.Property(c => c.RecordedBy).HasMaxLength(200);
            consent.HasIndex(c => new { c.CaseStudyId, c.PersonKey, c.Id });
        });

        modelBuilder.AddOutboxMessages();
    }
}
