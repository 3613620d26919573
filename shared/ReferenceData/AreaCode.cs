using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChampionNetwork.ReferenceData;

/// <summary>
/// The code of an area or organisation: a GSS code (<c>S</c> and 8 digits, e.g. <c>S08000029</c>)
/// or one of the platform's own national-body codes (<c>NB-</c> then letters, digits and single
/// hyphens, e.g. <c>NB-SSSC</c>). Parsing trims and upper-cases; the value is always canonical.
/// </summary>
/// <remarks>
/// Parsing checks the format only; whether the code names a known area (or a superseded one)
/// is <see cref="AreaRegistry"/>'s business. <c>default(AreaCode)</c> is not a valid code:
/// its <see cref="Value"/> is empty and it serialises to nothing (JSON writing throws).
/// Serialises to JSON as a plain string, also as a dictionary key.
/// </remarks>
[JsonConverter(typeof(AreaCodeJsonConverter))]
public readonly record struct AreaCode : IParsable<AreaCode>, IComparable<AreaCode>, IComparable
{
    /// <summary>Longest accepted code, so that junk input is rejected early.</summary>
    public const int MaxLength = 32;

    private const string NationalBodyPrefix = "NB-";

    private readonly string? _value;

    private AreaCode(string value) => _value = value;

    /// <summary>The canonical (upper-case) code; empty only for <c>default(AreaCode)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Scotland, <c>S92000003</c>: the root of every roll-up.</summary>
    public static AreaCode Scotland { get; } = new("S92000003");

    /// <summary>True for a GSS code (<c>S</c> + 8 digits).</summary>
    public bool IsGss => _value is not null && _value[0] == 'S';

    /// <summary>True for one of the platform's own national-body codes (<c>NB-…</c>).</summary>
    public bool IsNationalBody => _value is not null && _value.StartsWith(NationalBodyPrefix, StringComparison.Ordinal);

    /// <summary>True for <c>default(AreaCode)</c>, which holds no code.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>True if <paramref name="s"/> is a well-formed code (after trimming, any case).</summary>
    public static bool IsValid([NotNullWhen(true)] string? s) => TryParse(s, out _);

    /// <summary>Parses a code; throws <see cref="FormatException"/> if it is not well formed.</summary>
    public static AreaCode Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc />
    public static AreaCode Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var code)
            ? code
            : throw new FormatException($"'{s}' is not an area code: expected S followed by 8 digits (GSS) or NB-… (national body).");
    }

    /// <summary>Parses a code, trimming and upper-casing it; false if it is null or not well formed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out AreaCode result) => TryParse(s, provider: null, out result);

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AreaCode result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var span = s.AsSpan().Trim();
        if (span.Length == 0 || span.Length > MaxLength)
        {
            return false;
        }

        if (IsGssShape(span) || IsNationalBodyShape(span))
        {
            result = new AreaCode(span.ToString().ToUpperInvariant());
            return true;
        }

        return false;
    }

    private static bool IsGssShape(ReadOnlySpan<char> s)
    {
        if (s.Length != 9 || (s[0] is not ('S' or 's')))
        {
            return false;
        }

        foreach (var c in s[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // NB- then one or more groups of ASCII letters/digits separated by single hyphens.
    private static bool IsNationalBodyShape(ReadOnlySpan<char> s)
    {
        if (s.Length <= NationalBodyPrefix.Length || !s.StartsWith(NationalBodyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = s[NationalBodyPrefix.Length..];
        if (rest[0] == '-' || rest[^1] == '-' || rest.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in rest)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ordinal order of the canonical values.</summary>
    public int CompareTo(AreaCode other) => string.CompareOrdinal(Value, other.Value);

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        AreaCode other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(AreaCode)}.", nameof(obj)),
    };

    /// <summary>The canonical code.</summary>
    public override string ToString() => Value;

    /// <summary>Ordinal comparison of the canonical values.</summary>
    public static bool operator <(AreaCode left, AreaCode right) => left.CompareTo(right) < 0;
    public static bool operator <=(AreaCode left, AreaCode right) => left.CompareTo(right) <= 0;
    public static bool operator >(AreaCode left, AreaCode right) => left.CompareTo(right) > 0;
    public static bool operator >=(AreaCode left, AreaCode right) => left.CompareTo(right) >= 0;
}

/// <summary>Reads and writes <see cref="AreaCode"/> as a plain JSON string (values and property names).</summary>
public sealed class AreaCodeJsonConverter : JsonConverter<AreaCode>
{
    /// <inheritdoc />
    public override AreaCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An area code must be a JSON string, not {reader.TokenType}.");
        }

        return Convert(reader.GetString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AreaCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Checked(value));
    }

    /// <inheritdoc />
    public override AreaCode ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Convert(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, AreaCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(Checked(value));
    }

    private static AreaCode Convert(string? s) =>
        AreaCode.TryParse(s, out var code) ? code : throw new JsonException($"'{s}' is not an area code.");

    private static string Checked(AreaCode value) =>
        value.IsEmpty ? throw new JsonException("Cannot serialise an empty (default) AreaCode.") : value.Value;
}
