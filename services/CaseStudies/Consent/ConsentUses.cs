namespace ChampionNetwork.CaseStudies.Consent;

/// <summary>What a person may agree their words are used for.</summary>
public static class ConsentUses
{
    /// <summary>The public page, its JSON and the Atom feed: what publishing needs.</summary>
    public const string Publication = "publication";

    /// <summary>Shown to members of the Network only.</summary>
    public const string Network = "network";

    /// <summary>Used in training material.</summary>
    public const string Training = "training";

    public static IReadOnlyList<string> All { get; } = [Publication, Network, Training];
}
