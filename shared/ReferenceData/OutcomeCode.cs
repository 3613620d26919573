using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChampionNetwork.ReferenceData;

/// <summary>
/// The stable code of an Action Plan outcome: pillar, term (<c>S</c> short, <c>M</c> medium) and number
/// in Table 1's order, e.g. <c>PLAN-S1</c>, <c>EMPLOY-M4</c>. Parsing trims and upper-cases.
/// </summary>
/// <remarks>
/// Parsing checks the format only; <see cref="ActionPlan.TryGetOutcome(string?, out Outcome)"/> says whether
/// the outcome exists. Ordered as in Table 1 (pillar, then term, then number).
/// Serialises to JSON as a plain string, also as a dictionary key.
/// </remarks>
[JsonConverter(typeof(OutcomeCodeJsonConverter))]
public readonly record struct OutcomeCode : IParsable<OutcomeCode>, IComparable<OutcomeCode>, IComparable
{
    private const int MaxNumber = 99;

    private readonly string? _value;

    private OutcomeCode(Pillar pillar, OutcomeTerm term, int number)
    {
        Pillar = pillar;
        Term = term;
        Number = number;
        _value = string.Create(CultureInfo.InvariantCulture, $"{PillarPrefix(pillar)}-{(term == OutcomeTerm.Short ? 'S' : 'M')}{number}");
    }

    /// <summary>The canonical code, e.g. <c>PLAN-S1</c>; empty only for <c>default(OutcomeCode)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The pillar named by the code's prefix.</summary>
    public Pillar Pillar { get; }

    /// <summary>The term named by the code's letter.</summary>
    public OutcomeTerm Term { get; }

    /// <summary>The outcome's number within its pillar and term (1-based, Table 1's order).</summary>
    public int Number { get; }

    /// <summary>True for <c>default(OutcomeCode)</c>, which holds no code.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Builds a code from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Pillar or term undefined, or number not 1-99.</exception>
    public static OutcomeCode Create(Pillar pillar, OutcomeTerm term, int number)
    {
        if (!Enum.IsDefined(pillar))
        {
            throw new ArgumentOutOfRangeException(nameof(pillar), pillar, "Unknown pillar.");
        }

        if (!Enum.IsDefined(term))
        {
            throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown term.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        return new OutcomeCode(pillar, term, number);
    }

    /// <summary>The upper-case code prefix of a pillar, e.g. <c>NURTURE</c>.</summary>
    public static string PillarPrefix(Pillar pillar) => pillar switch
    {
        Pillar.Plan => "PLAN",
        Pillar.Attract => "ATTRACT",
        Pillar.Train => "TRAIN",
        Pillar.Employ => "EMPLOY",
        Pillar.Nurture => "NURTURE",
        _ => throw new ArgumentOutOfRangeException(nameof(pillar), pillar, "Unknown pillar."),
    };

    /// <summary>Parses a code; throws <see cref="FormatException"/> if it is not well formed.</summary>
    public static OutcomeCode Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static OutcomeCode Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var code)
            ? code
            : throw new FormatException($"'{s}' is not an outcome code: expected PILLAR-S<n> or PILLAR-M<n>, e.g. PLAN-S1.");
    }

    /// <summary>Parses a code, trimming and upper-casing it; false if it is null or not well formed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out OutcomeCode result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OutcomeCode result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var span = s.AsSpan().Trim();
        var dash = span.IndexOf('-');
        if (dash <= 0 || span.Length - dash < 3)
        {
            return false;
        }

        if (!ActionPlan.TryParsePillarName(span[..dash], out var pillar))
        {
            return false;
        }

        OutcomeTerm term;
        switch (span[dash + 1])
        {
            case 'S' or 's':
                term = OutcomeTerm.Short;
                break;
            case 'M' or 'm':
                term = OutcomeTerm.Medium;
                break;
            default:
                return false;
        }

        // 1-99, ASCII digits, no leading zero, no sign.
        var digits = span[(dash + 2)..];
        if (digits.Length is 0 or > 2 || digits[0] == '0')
        {
            return false;
        }

        var number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        result = new OutcomeCode(pillar, term, number);
        return true;
    }

    /// <summary>Table 1's order: pillar, then term (short before medium), then number.</summary>
    public int CompareTo(OutcomeCode other)
    {
        var byPillar = Pillar.CompareTo(other.Pillar);
        if (byPillar != 0)
        {
            return byPillar;
        }

        var byTerm = Term.CompareTo(other.Term);
        return byTerm != 0 ? byTerm : Number.CompareTo(other.Number);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        OutcomeCode other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(OutcomeCode)}.", nameof(obj)),
    };

    /// <summary>The canonical code.</summary>
    public override string ToString() => Value;

    /// <summary>Table 1's order.</summary>
    public static bool operator <(OutcomeCode left, OutcomeCode right) => left.CompareTo(right) < 0;

    /// <summary>Table 1's order.</summary>
    public static bool operator <=(OutcomeCode left, OutcomeCode right) => left.CompareTo(right) <= 0;

    /// <summary>Table 1's order.</summary>
    public static bool operator >(OutcomeCode left, OutcomeCode right) => left.CompareTo(right) > 0;

    /// <summary>Table 1's order.</summary>
    public static bool operator >=(OutcomeCode left, OutcomeCode right) => left.CompareTo(right) >= 0;
}

/// <summary>Reads and writes <see cref="OutcomeCode"/> as a plain JSON string (values and property names).</summary>
public sealed class OutcomeCodeJsonConverter : JsonConverter<OutcomeCode>
{
    /// <inheritdoc />
    public override OutcomeCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An outcome code must be a JSON string, not {reader.TokenType}.");
        }

        return Convert(reader.GetString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OutcomeCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Checked(value));
    }

    /// <inheritdoc />
    public override OutcomeCode ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Convert(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, OutcomeCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(Checked(value));
    }

    private static OutcomeCode Convert(string? s) =>
        OutcomeCode.TryParse(s, out var code) ? code : throw new JsonException($"'{s}' is not an outcome code.");

    private static string Checked(OutcomeCode value) =>
        value.IsEmpty ? throw new JsonException("Cannot serialise an empty (default) OutcomeCode.") : value.Value;
}
