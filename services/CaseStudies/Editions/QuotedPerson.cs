namespace ChampionNetwork.CaseStudies.Editions;

/// <summary>
/// Someone an edition quotes. <see cref="Key"/> links them to their consent records for the case study;
/// <see cref="ShownAs"/> is the name the page prints, a changed one when <see cref="NameChanged"/>.
/// </summary>
public sealed record QuotedPerson(string Key, string ShownAs, string Role, bool NameChanged);
