using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.ReferenceData;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Data;

/// <summary>Applies the migrations in Data/Migrations at start-up and, on a fresh database, the sample instrument and the demo campaign.</summary>
internal sealed partial class SurveysDbInitializer(
    IServiceScopeFactory scopes,
    IOptions<DemoDataOptions> demoData,
    TimeProvider clock,
    ILogger<SurveysDbInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveysDb>();
        // Migrations take a database lock, so several instances starting at once apply them once.
        await db.Database.MigrateAsync(cancellationToken);

        if (!demoData.Value.Enabled || await db.Instruments.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var pulse = SampleInstruments.WorkforceWellbeingPulse(now);
        db.Instruments.Add(new Instrument { Id = pulse.InstrumentId, Title = pulse.Title, Description = SampleInstruments.PulseDescription, CreatedAt = now });
        db.InstrumentVersions.Add(pulse);
        var demo = DemoCampaign.Create(now, AreaRegistry.Default);
        db.Campaigns.Add(demo);
        // The demo campaign is open from the start; its opening is announced with it.
        db.AddIntegrationEvent(CampaignAnnouncements.Opened(demo, pulse, now));
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(DemoCampaign.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample instrument and demo campaign {CampaignId}")]
    private partial void LogSeeded(Guid campaignId);
}
