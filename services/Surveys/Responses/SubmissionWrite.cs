using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// A whole submission in one statement, for a response already judged against the campaign as last read. The
/// statement share-locks the campaign row and writes the ledger entry and the sealed intake row only if the row is
/// still at that version and the champion is not in the ledger. Outside a transaction a single statement commits on
/// its own (synchronously), so the submission is one round trip and the lock lasts no longer than the write; the
/// guarantee is <see cref="SubmissionCheck"/>'s: the scheduler cannot close the campaign between the check and the
/// write. When nothing was written, the caller judges the submission again the long way.
/// </summary>
internal sealed record SubmissionWrite(long? CampaignVersion, bool Answered, byte[]? StoredKeyTag, bool Written)
{
    public static async Task<SubmissionWrite> RunAsync(
        SurveysDb db, long campaignVersion, ResponseLedgerEntry entry, IntakeResponse intake, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<SubmissionWrite>($"""
            WITH c AS (SELECT xmin::text::bigint AS v FROM campaigns WHERE id = {intake.CampaignId} FOR SHARE),
            prior AS (SELECT key_tag FROM response_ledger WHERE entry = {entry.Entry}),
            l AS (
                INSERT INTO response_ledger (entry, campaign_id, key_tag)
                SELECT {entry.Entry}, {entry.CampaignId}, {entry.KeyTag}::bytea FROM c
                WHERE c.v = {campaignVersion} AND NOT EXISTS (SELECT 1 FROM prior)
                ON CONFLICT (entry) DO NOTHING
                RETURNING entry),
            i AS (
                INSERT INTO response_intake (id, campaign_id, sealed)
                SELECT {intake.Id}, {intake.CampaignId}, {intake.Sealed} FROM l
                RETURNING id)
            SELECT (SELECT v FROM c) AS "CampaignVersion", EXISTS (SELECT 1 FROM prior) AS "Answered",
                (SELECT key_tag FROM prior) AS "StoredKeyTag", EXISTS (SELECT 1 FROM i) AS "Written"
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }
}
