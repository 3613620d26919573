using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Instruments;
using ChampionNetwork.Surveys.Replay;
using ChampionNetwork.Surveys.Responses;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Data;

public sealed class SurveysDb(DbContextOptions<SurveysDb> options) : DbContext(options)
{
    public const string ConnectionName = "surveysdb";

    public DbSet<Instrument> Instruments => Set<Instrument>();

    public DbSet<InstrumentVersion> InstrumentVersions => Set<InstrumentVersion>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Response> Responses => Set<Response>();

    public DbSet<ResponseLedgerEntry> ResponseLedger => Set<ResponseLedgerEntry>();

    public DbSet<ProcessedReplay> ProcessedReplays => Set<ProcessedReplay>();

    public DbSet<IntakeResponse> ResponseIntake => Set<IntakeResponse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Instrument>(instrument =>
        {
            instrument.ToTable("instruments");
            instrument.HasKey(i => i.Id);
            instrument.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            instrument.Property(i => i.Title).HasColumnName("title").HasMaxLength(200);
            instrument.Property(i => i.Description).HasColumnName("description").HasMaxLength(2000);
            instrument.Property(i => i.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<InstrumentVersion>(version =>
        {
            version.ToTable("instrument_versions");
            version.HasKey(v => new { v.InstrumentId, v.Version });
            version.Property(v => v.InstrumentId).HasColumnName("instrument_id");
            version.Property(v => v.Version).HasColumnName("version");
            version.Property(v => v.Title).HasColumnName("title").HasMaxLength(200);
            version.Property(v => v.PublishedAt).HasColumnName("published_at");
            version.Property(v => v.Items).HasColumnName("items").AsJsonColumn();
            version.HasOne<Instrument>().WithMany().HasForeignKey(v => v.InstrumentId);
        });

        modelBuilder.Entity<Campaign>(campaign =>
        {
            campaign.ToTable("campaigns");
            campaign.HasKey(c => c.Id);
            campaign.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            campaign.Property(c => c.Title).HasColumnName("title").HasMaxLength(200);
            campaign.Property(c => c.InstrumentId).HasColumnName("instrument_id");
            campaign.Property(c => c.InstrumentVersion).HasColumnName("instrument_version");
            campaign.ComplexProperty(c => c.Window, window =>
            {
                window.Property(w => w.OpensAt).HasColumnName("opens_at");
                window.Property(w => w.ClosesAt).HasColumnName("closes_at");
            });
            campaign.Property(c => c.Organisations).HasColumnName("organisations").AsJsonColumn();
            campaign.Property(c => c.OpeningAnnounced).HasColumnName("opening_announced");
            campaign.Property(c => c.ClosingAnnounced).HasColumnName("closing_announced");
        });

        modelBuilder.Entity<Response>(response =>
        {
            response.ToTable("responses");
            response.HasKey(r => r.Id);
            response.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            response.Property(r => r.CampaignId).HasColumnName("campaign_id");
            response.Property(r => r.InstrumentVersion).HasColumnName("instrument_version");
            response.Property(r => r.OrganisationCode).HasColumnName("organisation_code").HasMaxLength(32);
            response.Property(r => r.SubmittedOn).HasColumnName("submitted_on");
            response.Property(r => r.EventId).HasColumnName("event_id");
            response.Property(r => r.Answers).HasColumnName("answers").AsJsonColumn();
            response.HasIndex(r => r.EventId).IsUnique();
            response.HasIndex(r => new { r.CampaignId, r.OrganisationCode });
        });

        // The ledger is deliberately unrelated to responses: no foreign key, no id, no time. See ResponseLedger.
        modelBuilder.Entity<ResponseLedgerEntry>(entry =>
        {
            entry.ToTable("response_ledger");
            entry.HasKey(e => e.Entry);
            entry.Property(e => e.Entry).HasColumnName("entry");
            entry.Property(e => e.CampaignId).HasColumnName("campaign_id");
            entry.Property(e => e.KeyTag).HasColumnName("key_tag");
            entry.HasIndex(e => e.CampaignId);
        });

        // Sealed responses awaiting release: a random id, the campaign, ciphertext. See IntakeSeal.
        modelBuilder.Entity<IntakeResponse>(intake =>
        {
            intake.ToTable("response_intake");
            intake.HasKey(r => r.Id);
            intake.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            intake.Property(r => r.CampaignId).HasColumnName("campaign_id");
            intake.Property(r => r.Sealed).HasColumnName("sealed");
            intake.HasIndex(r => r.CampaignId);
        });

        modelBuilder.Entity<ProcessedReplay>(replay =>
        {
            replay.ToTable("processed_replays");
            replay.HasKey(r => r.ReplayEventId);
            replay.Property(r => r.ReplayEventId).HasColumnName("replay_event_id").ValueGeneratedNever();
            replay.Property(r => r.CampaignId).HasColumnName("campaign_id");
            replay.Property(r => r.Responses).HasColumnName("responses");
        });

        modelBuilder.AddOutboxMessages();
    }
}
