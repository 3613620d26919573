using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Data;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.Contracts.CaseStudies;
using ChampionNetwork.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.CaseStudies.Workflow;

/// <summary>
/// Runs a command against the database: locks the case study's row (FOR UPDATE, so commands on one case study run one
/// at a time, on any instance), applies <see cref="CaseStudyWorkflow"/>, and stores the editions, the history and the
/// events (in the outbox) in one transaction.
/// </summary>
public sealed class WorkflowRunner(CaseStudiesDb db, TimeProvider clock)
{
    public CaseStudiesDb Db => db;

    public async Task<(WorkflowOutcome Outcome, CaseStudy? Study)> RunAsync(
        Guid caseStudyId, int edition, WorkflowCommand command, Actor actor, TransitionArguments arguments, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var study = await LockAsync(caseStudyId, cancellationToken);
        if (study is null)
        {
            return (WorkflowOutcome.Failed(new(FailureKind.NotFound, "Case study not found", $"There is no case study {caseStudyId}.")), null);
        }

        var outcome = CaseStudyWorkflow.Apply(study, edition, command, actor, arguments, await ConsentAsync(caseStudyId, cancellationToken), clock.GetUtcNow());
        if (outcome.Succeeded)
        {
            await StoreAsync([outcome], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return (outcome, study);
    }

    /// <summary>Locks and loads a case study with its editions; null if there is none.</summary>
    public async Task<CaseStudy?> LockAsync(Guid caseStudyId, CancellationToken cancellationToken)
    {
        var rows = await db.CaseStudies.FromSql($"SELECT * FROM case_studies WHERE id = {caseStudyId} FOR UPDATE").ToListAsync(cancellationToken);
        return await WithEditionsAsync(rows.SingleOrDefault(), cancellationToken);
    }

    /// <summary>
    /// Locks one case study with an edition due at <paramref name="now"/>, skipping those another instance holds: two
    /// instances never publish the same edition. Null when none is due (or all due are held).
    /// </summary>
    public async Task<CaseStudy?> LockOneDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.CaseStudies.FromSql($"""
            SELECT c.* FROM case_studies c
            WHERE EXISTS (SELECT 1 FROM editions e WHERE e.case_study_id = c.id AND e.state = 'Scheduled' AND e.scheduled_for <= {now})
            ORDER BY c.id
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED
            """).ToListAsync(cancellationToken);
        return await WithEditionsAsync(rows.SingleOrDefault(), cancellationToken);
    }

    public async Task<ConsentLedger> ConsentAsync(Guid caseStudyId, CancellationToken cancellationToken) =>
        new(await db.Consents.AsNoTracking().Where(c => c.CaseStudyId == caseStudyId).ToListAsync(cancellationToken));

    /// <summary>Writes what the outcomes did; the caller commits.</summary>
    public async Task StoreAsync(IReadOnlyList<WorkflowOutcome> outcomes, CancellationToken cancellationToken)
    {
        // The superseded edition is written before the one that replaces it: ix_editions_one_public allows one public
        // edition per case study at every moment, not only at commit.
        var replacing = outcomes.Where(o => o.Superseded is not null).Select(o => (Edition: o.Edition!, State: o.Edition!.State)).ToList();
        foreach (var (edition, _) in replacing)
        {
            edition.State = db.Entry(edition).Property(e => e.State).OriginalValue;
        }

        if (replacing.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (edition, state) in replacing)
            {
                edition.State = state;
            }
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Deleted is { } deleted)
            {
                db.Editions.Remove(deleted);
            }

            if (outcome.Created is { } created)
            {
                db.Editions.Add(created);
            }

            db.Transitions.AddRange(outcome.History);
            foreach (var integrationEvent in outcome.Events)
            {
                switch (integrationEvent)
                {
                    case CaseStudyPublished published:
                        db.AddIntegrationEvent(published);
                        break;
                    case CaseStudyWithdrawn withdrawn:
                        db.AddIntegrationEvent(withdrawn);
                        break;
                    case CaseStudyUnpublished unpublished:
                        db.AddIntegrationEvent(unpublished);
                        break;
                    default:
                        throw new InvalidOperationException($"No outbox mapping for {integrationEvent.GetType().Name}.");
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<CaseStudy?> WithEditionsAsync(CaseStudy? study, CancellationToken cancellationToken)
    {
        if (study is not null)
        {
            await db.Entry(study).Collection(s => s.Editions).LoadAsync(cancellationToken);
        }

        return study;
    }
}
