using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Data;
using ChampionNetwork.Surveys.Responses;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>
/// Opens and closes campaigns at their times, on the service's <see cref="TimeProvider"/>: each transition sets the
/// campaign's flag and stages <c>CampaignOpened</c> or <c>CampaignClosed</c> in the outbox in one transaction. The flag
/// is set with a conditional UPDATE, so when several instances run, exactly one announces each transition. The close
/// first releases the campaign's sealed intake, so every <c>InsightSubmitted</c> precedes <c>CampaignClosed</c>, and
/// deletes the campaign's ledger rows (entries and key tags): no response can be accepted any more.
/// </summary>
public sealed partial class CampaignScheduler(
    IServiceScopeFactory scopes,
    ResponseRelease release,
    TimeProvider clock,
    ILogger<CampaignScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private CancellationTokenSource _sleep = new();

#pragma warning disable CA2213 // replaced, never disposed, see ExecuteAsync

#pragma warning restore CA2213

    /// <summary>A campaign was created or changed: look again now rather than at the next planned time.</summary>
    public void Reschedule() => _sleep.Cancel();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await AnnounceDueTransitionsAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                sleep = TimeSpan.FromSeconds(2);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _sleep.Token);
            try
            {
                await Task.Delay(sleep, clock, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Not disposed: a concurrent Reschedule may still hold the old source.
                Interlocked.Exchange(ref _sleep, new CancellationTokenSource());
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Announces every transition that is due and returns how long to sleep until the next one.</summary>
    internal async Task<TimeSpan> AnnounceDueTransitionsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveysDb>();
        var now = clock.GetUtcNow();

        var pending = await db.Campaigns.AsNoTracking().Where(c => !c.ClosingAnnounced).ToListAsync(cancellationToken);
        foreach (var campaign in pending)
        {
            if (!campaign.OpeningAnnounced && campaign.Window.OpensAt <= now)
            {
                await AnnounceAsync(db, campaign, opening: true, now, cancellationToken);
            }

            if (campaign.Window.ClosesAt <= now)
            {
                await AnnounceAsync(db, campaign, opening: false, now, cancellationToken);
            }
        }

        var next = pending
            .SelectMany(c => new[] { c.OpeningAnnounced ? (DateTimeOffset?)null : c.Window.OpensAt, c.Window.ClosesAt })
            .Where(t => t > now)
            .Min();
        return next is null ? LongestSleep : TimeSpan.FromTicks(Math.Min((next.Value - now).Ticks, LongestSleep.Ticks));
    }

    private async Task AnnounceAsync(SurveysDb db, Campaign campaign, bool opening, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Takes the row lock: a response in flight holds FOR SHARE on the campaign, so it commits (sealed, in the
        // intake) before the close releases the intake, and none is accepted after.
        var changed = opening
            ? await db.Campaigns.Where(c => c.Id == campaign.Id && !c.OpeningAnnounced)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.OpeningAnnounced, true), cancellationToken)
            : await db.Campaigns.Where(c => c.Id == campaign.Id && c.OpeningAnnounced && !c.ClosingAnnounced)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.ClosingAnnounced, true), cancellationToken);
        if (changed == 0)
        {
            return;
        }

        if (opening)
        {
            var instrument = await db.InstrumentVersions.AsNoTracking()
                .SingleAsync(v => v.InstrumentId == campaign.InstrumentId && v.Version == campaign.InstrumentVersion, cancellationToken);
            db.AddIntegrationEvent(CampaignAnnouncements.Opened(campaign, instrument, now));
        }
        else
        {
            // The release lock waits for a periodic release in progress; then the campaign's remaining intake goes out
            // as one shuffled batch, staged before CampaignClosed.
            await ResponseRelease.LockAsync(db, cancellationToken);
            await release.ReleaseAsync(db, campaign.Id, cancellationToken, count => LogUnopenable(count, campaign.Id));
            await db.ResponseLedger.Where(e => e.CampaignId == campaign.Id).ExecuteDeleteAsync(cancellationToken);
            db.AddIntegrationEvent(CampaignAnnouncements.Closed(campaign, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        campaign.OpeningAnnounced = true;
        LogAnnounced(campaign.Id, opening ? "opened" : "closed");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} {Transition}")]
    private partial void LogAnnounced(Guid campaignId, string transition);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} sealed response(s) of campaign {CampaignId} do not open under the configured Anonymity:LedgerSecret and are not counted; was the secret changed?")]
    private partial void LogUnopenable(int count, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign scheduler failed; retrying shortly")]
    private partial void LogFailed(Exception exception);
}
