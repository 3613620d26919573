using ChampionNetwork.ReferenceData;
using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChampionNetwork.Surveys.Data;

/// <summary>Creates the schema at start-up and, on a fresh database, the sample instrument and the demo campaign.</summary>
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
        await db.Database.EnsureCreatedAsync(cancellationToken);

        if (!demoData.Value.Enabled || await db.InstrumentVersions.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.InstrumentVersions.Add(SampleInstruments.WorkforceWellbeingPulse(now));
        db.Campaigns.Add(DemoCampaign.Create(now, AreaRegistry.Default));
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(DemoCampaign.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample instrument and demo campaign {CampaignId}")]
    private partial void LogSeeded(Guid campaignId);
}
