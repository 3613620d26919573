using System.Collections.Concurrent;
using ChampionNetwork.Surveys.Data;
using Microsoft.EntityFrameworkCore;

namespace ChampionNetwork.Surveys.Instruments;

/// <summary>Instrument versions never change once published (a change is a new version), so each is read once.</summary>
public sealed class PublishedInstrumentVersions
{
    private readonly ConcurrentDictionary<(Guid InstrumentId, int Version), InstrumentVersion> _versions = new();

    public async Task<InstrumentVersion> GetAsync(SurveysDb db, Guid instrumentId, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((instrumentId, version), out var kept))
        {
            return kept;
        }

        var read = await db.InstrumentVersions.AsNoTracking()
            .SingleAsync(v => v.InstrumentId == instrumentId && v.Version == version, cancellationToken);
        return _versions.GetOrAdd((instrumentId, version), read);
    }
}
