using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Responses;

/// <summary>
/// The one statement a submission's transaction starts with. It share-locks the campaign row, so the scheduler cannot
/// close the campaign (and release its intake) until this response commits; it reads the row's version, so the
/// campaign can come from <see cref="Campaigns.PublishedCampaigns"/>; and it looks the champion up in the ledger.
/// </summary>
internal sealed record SubmissionCheck(long CampaignVersion, bool Answered, byte[]? StoredKeyTag)
{
    /// <summary>Null when there is no such campaign.</summary>
    public static async Task<SubmissionCheck?> RunAsync(SurveysDb db, Guid campaignId, ResponseLedgerEntry entry, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<SubmissionCheck>($"""
            SELECT c.xmin::text::bigint AS "CampaignVersion", l.entry IS NOT NULL AS "Answered", l.key_tag AS "StoredKeyTag"
            FROM campaigns c LEFT JOIN response_ledger l ON l.entry = {entry.Entry}
            WHERE c.id = {campaignId}
            FOR SHARE OF c
            """).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }
}
