using System.Text.Json.Serialization;

namespace ChampionNetwork.InsightHub.Disclosure;

/// <summary>
/// A published figure: either a value, or null with a qualifier as in UK official statistics
/// (<c>c</c> confidential, <c>z</c> not applicable, <c>x</c> not available, <c>p</c> provisional, <c>r</c> revised).
/// </summary>
public sealed record DisclosedValue(double? Value, string? Qualifier)
{
    public const string Confidential = "c";
    public const string NotApplicable = "z";

    public static DisclosedValue Suppressed { get; } = new(null, Confidential);

    public static DisclosedValue None { get; } = new(null, NotApplicable);

    public static DisclosedValue Of(double value) => new(value, null);

    [JsonIgnore]
    public bool IsSuppressed => Qualifier == Confidential;
}
