namespace ChampionNetwork.Surveys.Instruments;

public enum ItemKind
{
    /// <summary>1 to 5, each point labelled (strongly disagree ... strongly agree).</summary>
    Likert,

    /// <summary>0 to 10.</summary>
    Scale,

    /// <summary>One of <see cref="InstrumentItem.Options"/>, answered by its index from 0.</summary>
    SingleChoice,

    /// <summary>Up to <see cref="InstrumentItem.MaxTextLength"/> characters, redacted before storage.</summary>
    FreeText,
}

/// <summary>One question of an instrument version, tagged with an Action Plan pillar and outcome codes.</summary>
public sealed record InstrumentItem(
    string Id,
    string Text,
    ItemKind Kind,
    string Pillar,
    IReadOnlyList<string> OutcomeCodes,
    bool Required,
    IReadOnlyList<string>? Options = null)
{
    public const int MaxTextLength = 2000;

    public static IReadOnlyList<string> LikertLabels { get; } =
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    /// <summary>The inclusive range a numeric answer must fall in; null for free text.</summary>
    public (int Min, int Max)? ValueRange => Kind switch
    {
        ItemKind.Likert => (1, 5),
        ItemKind.Scale => (0, 10),
        ItemKind.SingleChoice => (0, (Options?.Count ?? 1) - 1),
        _ => null,
    };
}
