namespace ChampionNetwork.ReferenceData;

/// <summary>The kind of an area or organisation in the Network.</summary>
public enum AreaType
{
    /// <summary>Scotland itself, <c>S92000003</c>.</summary>
    Country,

    /// <summary>A territorial NHS board (<c>S08…</c>).</summary>
    Board,

    /// <summary>A Health and Social Care Partnership (<c>S37…</c>).</summary>
    Hscp,

    /// <summary>A council area (<c>S12…</c>).</summary>
    Council,

    /// <summary>A national body without a GSS code (<c>NB-…</c>); rolls up straight to Scotland.</summary>
    NationalBody,
}

/// <summary>An area or organisation of the Network.</summary>
/// <param name="Code">The current code.</param>
/// <param name="Name">The organisation's usual name.</param>
/// <param name="Type">Its kind.</param>
/// <param name="BoardCode">
/// The board area it lies in: for a board its own code; for an HSCP or council the board it rolls up to;
/// null for Scotland and national bodies.
/// </param>
/// <param name="HscpCode">
/// The partnership: for an HSCP its own code; for a council its HSCP (Clackmannanshire and Stirling share
/// <c>S37000005</c>); null otherwise.
/// </param>
public sealed record Area(AreaCode Code, string Name, AreaType Type, AreaCode? BoardCode, AreaCode? HscpCode)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} {Name} ({Type})";
}
