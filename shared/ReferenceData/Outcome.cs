namespace ChampionNetwork.ReferenceData;

/// <summary>The five pillars of the Mental Health and Wellbeing Workforce Action Plan, in the Plan's order.</summary>
public enum Pillar
{
    /// <summary>Plan: evidence-based workforce planning.</summary>
    Plan,

    /// <summary>Attract: attractive careers, inclusive routes to recruitment.</summary>
    Attract,

    /// <summary>Train: a skilled, trained and supported workforce.</summary>
    Train,

    /// <summary>Employ: Fair Work, sustainable and inclusive growth.</summary>
    Employ,

    /// <summary>Nurture: a valued, empowered and supported workforce.</summary>
    Nurture,
}

/// <summary>The term of an outcome: short (2023-25) or medium (2026-28).</summary>
public enum OutcomeTerm
{
    /// <summary>Short-term outcome, 2023-25 (<c>S</c> in the code).</summary>
    Short,

    /// <summary>Medium-term outcome, 2026-28 (<c>M</c> in the code).</summary>
    Medium,
}

/// <summary>One of the 27 outcomes of Table 1 of the Action Plan.</summary>
/// <param name="Code">Its stable code, e.g. <c>PLAN-S1</c>.</param>
/// <param name="Pillar">Its pillar (always <c>Code.Pillar</c>).</param>
/// <param name="Term">Its term (always <c>Code.Term</c>).</param>
/// <param name="Text">The outcome as worded in Table 1.</param>
/// <param name="PillarAim">The aim of its pillar.</param>
public sealed record Outcome(OutcomeCode Code, Pillar Pillar, OutcomeTerm Term, string Text, string PillarAim)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Text}";
}
