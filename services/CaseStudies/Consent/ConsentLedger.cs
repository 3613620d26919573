using ChampionNetwork.CaseStudies.Editions;

namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>Each quoted person's consent now: the latest record (by the order recorded; one not yet stored is latest) per person.</summary>
public sealed class ConsentLedger
{
    private readonly Dictionary<string, ConsentRecord> _latest;

    public ConsentLedger(IEnumerable<ConsentRecord> records) =>
        _latest = records
            .GroupBy(r => r.PersonKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id == 0 ? long.MaxValue : r.Id).Last(), StringComparer.Ordinal);

    public static ConsentLedger Empty { get; } = new([]);

    public ConsentRecord? Current(string personKey) => _latest.GetValueOrDefault(personKey);

    /// <summary>True when the person's latest record gives consent to publication.</summary>
    public bool AllowsPublication(string personKey) =>
        Current(personKey) is { Given: true } record && record.Uses.Contains(ConsentUses.Publication);

    /// <summary>The quoted people of an edition whose consent does not cover publication.</summary>
    public IReadOnlyList<QuotedPerson> Lacking(Edition edition) =>
        [.. edition.QuotedPeople.Where(p => !AllowsPublication(p.Key))];
}
