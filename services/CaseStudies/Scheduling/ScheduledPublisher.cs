using ChampionNetwork.CaseStudies.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Scheduling;

/// <summary>
/// Publishes scheduled editions when their time comes, on the service's <see cref="TimeProvider"/>. The schedule is in
/// the database, so it survives a restart. Each due case study is claimed with <c>FOR UPDATE SKIP LOCKED</c> and
/// checked again under the lock, so with several instances running each edition is published once. An edition whose
/// quoted person no longer consents is unscheduled instead, by the same table.
/// </summary>
public sealed partial class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private CancellationTokenSource _sleep = new();

    /// <summary>Something was scheduled or unscheduled: look again now rather than at the next planned time.</summary>
    public void Reschedule() => _sleep.Cancel();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await PublishDueAsync(stoppingToken);
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

    /// <summary>Publishes every edition due now, one case study per transaction; returns how long to sleep.</summary>
    internal async Task<TimeSpan> PublishDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<WorkflowRunner>();
            var now = clock.GetUtcNow();
            await using var transaction = await runner.Db.Database.BeginTransactionAsync(cancellationToken);
            var study = await runner.LockOneDueAsync(now, cancellationToken);
            var due = study?.Editions.FirstOrDefault(e => e.State == EditionState.Scheduled && e.ScheduledFor <= now);
            if (study is null || due is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                var next = await runner.Db.Editions.Where(e => e.State == EditionState.Scheduled).MinAsync(e => e.ScheduledFor, cancellationToken);
                return next is null ? LongestSleep : TimeSpan.FromTicks(Math.Clamp((next.Value - now).Ticks, TimeSpan.FromMilliseconds(10).Ticks, LongestSleep.Ticks));
            }

            var consent = await runner.ConsentAsync(study.Id, cancellationToken);
            var outcome = CaseStudyWorkflow.Apply(study, due.Number, WorkflowCommand.Publish, Actor.Service, new TransitionArguments(), consent, now);
            if (outcome.Failure is { Kind: FailureKind.ConsentRequired })
            {
                outcome = CaseStudyWorkflow.Apply(study, due.Number, WorkflowCommand.Unschedule, Actor.Service,
                    new TransitionArguments(Note: "not published: a quoted person's consent is missing"), consent, now);
            }

            if (outcome.Failure is { } failure)
            {
                throw new InvalidOperationException($"Scheduled edition {due.Number} of {study.Id} could not be published: {failure.Detail}");
            }

            await runner.StoreAsync([outcome], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPublished(study.Id, due.Number, due.State.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled edition {Edition} of case study {CaseStudyId} is now {State}")]
    private partial void LogPublished(Guid caseStudyId, int edition, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled publishing failed; retrying shortly")]
    private partial void LogFailed(Exception exception);
}
