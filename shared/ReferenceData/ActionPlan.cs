using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace ChampionNetwork.ReferenceData;

/// <summary>
/// The Mental Health and Wellbeing Workforce Action Plan 2023-2025: its five pillars and the 27 outcomes of
/// Table 1, read from the embedded CSV once, at first use.
/// </summary>
public static class ActionPlan
{
    private static readonly Lazy<Data> Loaded = new(
        () => Data.FromCsv(EmbeddedData.ReadText(EmbeddedData.ActionPlanOutcomes)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The five pillars, in the Plan's order.</summary>
    public static IReadOnlyList<Pillar> Pillars { get; } = Enum.GetValues<Pillar>().AsReadOnly();

    /// <summary>All 27 outcomes, in Table 1's order.</summary>
    public static IReadOnlyList<Outcome> Outcomes => Loaded.Value.Outcomes;

    /// <summary>The outcomes of one pillar, in Table 1's order.</summary>
    public static IReadOnlyList<Outcome> OutcomesOf(Pillar pillar) =>
        Loaded.Value.ByPillar.TryGetValue(pillar, out var outcomes) ? outcomes : ReadOnlyCollection<Outcome>.Empty;

    /// <summary>The aim of a pillar, as stated in Table 1.</summary>
    /// <exception cref="KeyNotFoundException">The pillar is not defined.</exception>
    public static string AimOf(Pillar pillar) =>
        Loaded.Value.Aims.TryGetValue(pillar, out var aim)
            ? aim
            : throw new KeyNotFoundException($"No aim for pillar {pillar}.");

    /// <summary>Finds an outcome by its code (trimmed, any case); false for null, malformed or unknown codes.</summary>
    public static bool TryGetOutcome([NotNullWhen(true)] string? code, [MaybeNullWhen(false)] out Outcome outcome)
    {
        if (OutcomeCode.TryParse(code, out var parsed))
        {
            return TryGetOutcome(parsed, out outcome);
        }

        outcome = null;
        return false;
    }

    /// <summary>Finds an outcome by its code; false if the Action Plan has no such outcome.</summary>
    public static bool TryGetOutcome(OutcomeCode code, [MaybeNullWhen(false)] out Outcome outcome) =>
        Loaded.Value.ByCode.TryGetValue(code, out outcome);

    /// <summary>The outcome with this code.</summary>
    /// <exception cref="KeyNotFoundException">The Action Plan has no such outcome.</exception>
    public static Outcome GetOutcome(OutcomeCode code) =>
        TryGetOutcome(code, out var outcome)
            ? outcome
            : throw new KeyNotFoundException($"'{code}' is not an Action Plan outcome.");

    /// <summary>True if <paramref name="code"/> names one of the 27 outcomes.</summary>
    public static bool IsOutcome(OutcomeCode code) => Loaded.Value.ByCode.ContainsKey(code);

    /// <summary>
    /// Parses a pillar name, trimmed and case-insensitive (<c>Nurture</c>, <c>NURTURE</c>, <c>nurture</c>).
    /// Numbers are not accepted.
    /// </summary>
    public static bool TryParsePillar([NotNullWhen(true)] string? value, out Pillar pillar)
    {
        pillar = default;
        return value is not null && TryParsePillarName(value.AsSpan().Trim(), out pillar);
    }

    internal static bool TryParsePillarName(ReadOnlySpan<char> name, out Pillar pillar)
    {
        foreach (var candidate in Pillars)
        {
            if (name.Equals(OutcomeCode.PillarPrefix(candidate), StringComparison.OrdinalIgnoreCase))
            {
                pillar = candidate;
                return true;
            }
        }

        pillar = default;
        return false;
    }

    internal sealed class Data
    {
        private Data(List<Outcome> outcomes)
        {
            Outcomes = outcomes.AsReadOnly();
            ByCode = outcomes.ToFrozenDictionary(o => o.Code);
            ByPillar = Pillars.ToFrozenDictionary(p => p, p => outcomes.Where(o => o.Pillar == p).ToList().AsReadOnly());
            Aims = outcomes.GroupBy(o => o.Pillar).ToFrozenDictionary(g => g.Key, g => g.First().PillarAim);
        }

        public ReadOnlyCollection<Outcome> Outcomes { get; }

        public FrozenDictionary<OutcomeCode, Outcome> ByCode { get; }

        public FrozenDictionary<Pillar, ReadOnlyCollection<Outcome>> ByPillar { get; }

        public FrozenDictionary<Pillar, string> Aims { get; }

        /// <summary>Reads and checks the outcomes CSV.</summary>
        /// <exception cref="InvalidDataException">The data is malformed or inconsistent.</exception>
        public static Data FromCsv(string csv)
        {
            var table = CsvTable.Parse(csv, EmbeddedData.ActionPlanOutcomes);
            int codeCol = table.Column("code"), pillarCol = table.Column("pillar"), termCol = table.Column("term");
            int textCol = table.Column("outcome"), aimCol = table.Column("pillar_aim");

            var outcomes = new List<Outcome>(table.Rows.Count);
            var aims = new Dictionary<Pillar, string>();
            foreach (var row in table.Rows)
            {
                var where = $"{table.Source} line {row.Line}";
                if (!OutcomeCode.TryParse(row[codeCol], out var code))
                {
                    throw new InvalidDataException($"{where}: '{row[codeCol]}' is not an outcome code.");
                }

                if (!TryParsePillar(row[pillarCol], out var pillar) || pillar != code.Pillar)
                {
                    throw new InvalidDataException($"{where}: pillar '{row[pillarCol]}' does not match {code}.");
                }

                var term = row[termCol].Trim().ToUpperInvariant() switch
                {
                    "SHORT" => OutcomeTerm.Short,
                    "MEDIUM" => OutcomeTerm.Medium,
                    _ => throw new InvalidDataException($"{where}: unknown term '{row[termCol]}'."),
                };
                if (term != code.Term)
                {
                    throw new InvalidDataException($"{where}: term '{row[termCol]}' does not match {code}.");
                }

                var text = row[textCol].Trim();
                var aim = row[aimCol].Trim();
                if (text.Length == 0 || aim.Length == 0)
                {
                    throw new InvalidDataException($"{where}: {code} needs an outcome text and a pillar aim.");
                }

                if (!aims.TryAdd(pillar, aim) && aims[pillar] != aim)
                {
                    throw new InvalidDataException($"{where}: {code}'s pillar aim differs from the rest of pillar {pillar}.");
                }

                // Table 1's order: each code follows the previous one, numbers run 1, 2, 3... within pillar and term.
                var previous = outcomes.Count > 0 ? outcomes[^1].Code : (OutcomeCode?)null;
                var expectedNumber = previous is { } p && p.Pillar == code.Pillar && p.Term == code.Term ? p.Number + 1 : 1;
                if ((previous is { } prev && prev >= code) || code.Number != expectedNumber)
                {
                    throw new InvalidDataException($"{where}: {code} is out of Table 1's order.");
                }

                outcomes.Add(new Outcome(code, pillar, term, text, aim));
            }

            return new Data(outcomes);
        }
    }
}
