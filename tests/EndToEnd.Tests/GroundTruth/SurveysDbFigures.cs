extern alias surveys;
using ChampionNetwork.ReferenceData;
using InstrumentItem = surveys::ChampionNetwork.Surveys.Instruments.InstrumentItem;
using ItemKind = surveys::ChampionNetwork.Surveys.Instruments.ItemKind;

namespace ChampionNetwork.EndToEnd.Tests.GroundTruth;

/// <summary>One published cell: an area's measure of the campaign, of one item, pillar or outcome, or of the whole.</summary>
/// <param name="Scope"><c>""</c>, <c>item:valued</c>, <c>pillar:Nurture</c> or <c>outcome:N1</c>.</param>
internal sealed record Cell(string Area, string Measure, string Scope);

/// <summary>A cell as published: a value, or none with a qualifier (c, z, x; p marks a provisional value).</summary>
internal sealed record Published(double? Value, string? Qualifier);

/// <summary>
/// The test's own oracle: every figure a feed may publish, computed from surveysdb's raw responses rolled up by
/// the reference data, and the rules of nhsbsa-5 that need no knowledge of how the product suppresses. It checks a
/// published cell two ways: a shown value equals the raw figure (whole-number percentages, means to 2 places); a
/// cell that rests on a count of 1 to 4 is hidden. Which further cells are hidden is the product's choice, and the
/// attack tests prove that choice protects the hidden ones.
/// </summary>
internal sealed class SurveysDbFigures(IReadOnlyList<InstrumentItem> items, IReadOnlyDictionary<string, SurveysDbFigures.RawArea> areas)
{
    public const int Minimum = 5;

    public sealed class RawArea
    {
        public int Responses { get; set; }

        public int Headcount { get; set; }

        /// <summary>Per item, how many answers gave each value.</summary>
        public Dictionary<string, Dictionary<int, int>> Items { get; } = new(StringComparer.Ordinal);
    }

    public static SurveysDbFigures From(
        IReadOnlyList<InstrumentItem> items,
        IEnumerable<(string Organisation, IReadOnlyDictionary<string, int> Values)> responses,
        IReadOnlyDictionary<string, int> headcounts)
    {
        var areas = new Dictionary<string, RawArea>(StringComparer.Ordinal);
        RawArea Of(AreaCode code) => areas.TryGetValue(code.Value, out var a) ? a : areas[code.Value] = new RawArea();
        foreach (var (organisation, values) in responses)
        {
            foreach (var area in AreaRegistry.Default.RollUpOf(AreaCode.Parse(organisation)).Select(Of))
            {
                area.Responses++;
                foreach (var (item, value) in values)
                {
                    var distribution = area.Items.TryGetValue(item, out var d) ? d : area.Items[item] = [];
                    distribution[value] = distribution.GetValueOrDefault(value) + 1;
                }
            }
        }

        foreach (var (organisation, headcount) in headcounts)
        {
            foreach (var area in AreaRegistry.Default.RollUpOf(AreaCode.Parse(organisation)).Select(Of))
            {
                area.Headcount += headcount;
            }
        }

        return new SurveysDbFigures(items, areas);
    }

    public RawArea Area(string code) => areas.GetValueOrDefault(code) ?? new RawArea();

    /// <summary>Null when the published cell agrees with surveysdb; otherwise why it does not.</summary>
    public string? Disagreement(Cell cell, Published published)
    {
        var (expected, restsOnSmallCount) = Expect(cell);
        if (published.Value is { } shown)
        {
            if (restsOnSmallCount)
            {
                return $"{cell} is shown as {shown} but rests on a count of 1 to 4";
            }

            if (expected is not { } value)
            {
                return $"{cell} is shown as {shown} where surveysdb has no figure";
            }

            var tolerance = cell.Measure == "mean-score" ? 0.005 + 1e-9 : 1e-9;
            return Math.Abs(shown - value) <= tolerance ? null : $"{cell} is {shown}; surveysdb gives {value}";
        }

        return published.Qualifier switch
        {
            "c" => null, // hidden: required where the cell rests on a small count, allowed elsewhere
            "z" or "x" when expected is null => null,
            _ => $"{cell} has no value ({published.Qualifier}) where surveysdb gives {expected}",
        };
    }

    /// <summary>The raw figure of a cell (null when not applicable), and whether it rests on a count of 1 to 4.</summary>
    private (double? Value, bool RestsOnSmallCount) Expect(Cell cell)
    {
        var area = Area(cell.Area);
        if (cell.Scope == "")
        {
            return cell.Measure switch
            {
                "responses" => (area.Responses, Small(area.Responses)),
                "response-rate" => (area.Headcount > 0 ? WholePercent(area.Responses, area.Headcount) : null, Small(area.Responses)),
                _ => throw new InvalidOperationException($"Unknown measure {cell.Measure}"),
            };
        }

        var (kind, code) = (cell.Scope[..cell.Scope.IndexOf(':')], cell.Scope[(cell.Scope.IndexOf(':') + 1)..]);
        var scoped = kind switch
        {
            "item" => items.Where(i => i.Id == code).ToList(),
            "pillar" => items.Where(i => i.Kind == ItemKind.Likert && i.Pillar == code).ToList(),
            "outcome" => items.Where(i => i.Kind == ItemKind.Likert && i.OutcomeCodes.Contains(code)).ToList(),
            _ => throw new InvalidOperationException($"Unknown scope {cell.Scope}"),
        };
        var distributions = scoped.Select(i => area.Items.GetValueOrDefault(i.Id) ?? []).ToList();
        var answers = distributions.Sum(d => d.Values.Sum());
        var anySmall = distributions.Any(d => Small(d.Values.Sum()) || d.Values.Any(Small));
        int Count(int key) => distributions.Sum(d => d.GetValueOrDefault(key));
        var likert = scoped.All(i => i.Kind == ItemKind.Likert);

        if (scoped.All(i => i.Kind == ItemKind.FreeText))
        {
            return (null, false); // free text is never counted in a feed
        }

        if (cell.Measure == "answers")
        {
            return (answers, Small(answers));
        }

        if (answers == 0)
        {
            return (null, false);
        }

        if (cell.Measure == "mean-score")
        {
            var sum = distributions.Sum(d => d.Sum(p => (long)p.Key * p.Value));
            return ((double)sum / answers, anySmall);
        }

        if (cell.Measure == "share-agreeing")
        {
            return likert ? (WholePercent(Count(4) + Count(5), answers), Small(answers) || Small(Count(4)) || Small(Count(5))) : (null, false);
        }

        if (cell.Measure.StartsWith("share-answering-", StringComparison.Ordinal))
        {
            var key = int.Parse(cell.Measure["share-answering-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return (WholePercent(Count(key), answers), Small(answers) || Small(Count(key)));
        }

        throw new InvalidOperationException($"Unknown measure {cell.Measure}");
    }

    private static bool Small(int count) => count is > 0 and < Minimum;

    /// <summary>Half up, in integers: floor(100 × part / whole + ½).</summary>
    private static double WholePercent(long part, long whole) => (200 * part + whole) / (2 * whole);
}
