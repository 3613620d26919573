using System.Security.Cryptography;
using ChampionNetwork.Messaging.Outbox;
using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// Moves sealed intake rows into <c>responses</c>, in the caller's transaction: opens them, shuffles them with a
/// cryptographic generator, inserts the responses and stages their <c>InsightSubmitted</c> in that order, and deletes
/// the intake rows. Every response of a release is written by one transaction, so they share one <c>xmin</c>, and
/// their physical and outbox order is the shuffle, not arrival.
/// </summary>
public sealed class ResponseRelease(IntakeSeal seal)
{
    // Any fixed 64-bit number shared by every instance; "release" in ASCII. Held to the end of the transaction, so
    // two releases (or a release and a campaign's close) never move the same rows.
    private const long ReleaseLockKey = 0x72656C65617365;

    /// <summary>Waits for any release in progress, then holds the release lock until the caller's transaction ends.</summary>
    public static Task LockAsync(SurveysDb db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ReleaseLockKey})", cancellationToken);

    /// <summary>Takes the release lock unless another instance holds it (it is releasing, so this one need not).</summary>
    public static async Task<bool> TryLockAsync(SurveysDb db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({ReleaseLockKey}) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Releases every sealed row, or only one campaign's; the caller holds the lock and commits.</summary>
    public async Task<int> ReleaseAsync(SurveysDb db, Guid? campaignId, CancellationToken cancellationToken, Action<int>? unopenable = null)
    {
        var intake = await db.ResponseIntake
            .Where(r => campaignId == null || r.CampaignId == campaignId)
            .ToListAsync(cancellationToken);
        if (intake.Count == 0)
        {
            return 0;
        }

        var campaignIds = intake.Select(r => r.CampaignId).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var instrumentIds = campaigns.Values.Select(c => c.InstrumentId).Distinct().ToList();
        var instruments = (await db.InstrumentVersions.AsNoTracking().Where(v => instrumentIds.Contains(v.InstrumentId)).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.InstrumentId, v.Version));

        var opened = new List<(IntakeResponse Row, SealedResponse Response)>(intake.Count);
        foreach (var row in intake)
        {
            // A row sealed under another secret stays in the intake (and is reported) rather than stop every release.
            if (seal.TryOpen(row, out var sealedResponse))
            {
                opened.Add((row, sealedResponse));
            }
        }

        if (opened.Count < intake.Count)
        {
            unopenable?.Invoke(intake.Count - opened.Count);
        }

        var released = opened.ToArray();
        RandomNumberGenerator.Shuffle(released.AsSpan());
        foreach (var (row, sealedResponse) in released)
        {
            var response = new Response
            {
                Id = Guid.NewGuid(),
                CampaignId = row.CampaignId,
                InstrumentVersion = sealedResponse.InstrumentVersion,
                OrganisationCode = sealedResponse.OrganisationCode,
                SubmittedOn = sealedResponse.ReceivedOn,
                EventId = Guid.NewGuid(),
                Answers = sealedResponse.Answers,
            };
            db.Responses.Add(response);
            db.AddIntegrationEvent(ResponsesApi.InsightOf(response, instruments[(campaigns[row.CampaignId].InstrumentId, response.InstrumentVersion)]));
        }

        db.ResponseIntake.RemoveRange(released.Select(r => r.Row));
        await db.SaveChangesAsync(cancellationToken);
        return released.Length;
    }
}
