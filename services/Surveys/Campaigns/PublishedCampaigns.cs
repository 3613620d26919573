using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Campaigns;

/// <summary>
/// Campaigns as submissions read them, one read per row version. A campaign row changes only when the scheduler
/// announces its opening or closing, and each change gives it a new <c>xmin</c>, so a copy kept for the version the
/// submission has share-locked is the row itself.
/// </summary>
public sealed class PublishedCampaigns
{
    private readonly ConcurrentDictionary<Guid, (long RowVersion, Campaign Campaign)> _campaigns = new();

    /// <summary>The campaign at <paramref name="rowVersion"/>; call it only while holding a lock on that version.</summary>
    public async Task<Campaign> AtVersionAsync(SurveysDb db, Guid campaignId, long rowVersion, CancellationToken cancellationToken)
    {
        if (_campaigns.TryGetValue(campaignId, out var kept) && kept.RowVersion == rowVersion)
        {
            return kept.Campaign;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        _campaigns[campaignId] = (rowVersion, campaign);
        return campaign;
    }

    /// <summary>
    /// The campaign as it was last read, and the row version it was read at. It may be out of date: a submission
    /// that judges itself against it must confirm the version under its lock (<see cref="Responses.SubmissionWrite"/>).
    /// </summary>
    public bool TryGetLastRead(Guid campaignId, out long rowVersion, [NotNullWhen(true)] out Campaign? campaign)
    {
        var found = _campaigns.TryGetValue(campaignId, out var kept);
        (rowVersion, campaign) = found ? kept : (0, null);
        return found;
    }
}
