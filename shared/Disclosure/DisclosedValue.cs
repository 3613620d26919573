using System.Text.Json.Serialization;

namespace ChampionNetwork.Disclosure;

/// <summary>
/// A published figure: either a value, or null with a qualifier as in UK official statistics
/// (<c>c</c> confidential, <c>z</c> not applicable, <c>x</c> not available, <c>p</c> provisional, <c>r</c> revised).
/// </summary>
public sealed record DisclosedValue(double? Value, string? Qualifier)
{
    public const string Confidential = "c";
    public const string NotApplicable = "z";
    public const string NotAvailable = "x";
    public const string ProvisionalQualifier = "p";

    public static DisclosedValue Suppressed { get; } = new(null, Confidential);

    public static DisclosedValue None { get; } = new(null, NotApplicable);

    public static DisclosedValue Unavailable { get; } = new(null, NotAvailable);

    public static DisclosedValue Of(double value) => new(value, null);

    [JsonIgnore]
    public bool IsSuppressed => Qualifier == Confidential;

    /// <summary>The same figure marked <c>p</c> when it has a value and no other qualifier.</summary>
    public DisclosedValue Provisional() => Value is not null && Qualifier is null ? this with { Qualifier = ProvisionalQualifier } : this;
}
