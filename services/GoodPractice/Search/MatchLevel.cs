namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Which practices a word search takes as candidates. The first page chooses the strictest level at which at least
/// <see cref="PracticeSearch.EnoughCandidates"/> visible practices match, and its cursor keeps that level for the
/// pages after it.
/// </summary>
public enum MatchLevel
{
    /// <summary>Any of the words; ranked with their wording too (word similarity). A small corpus, or rare words.</summary>
    AnyWord,

    /// <summary>All the words but at most one (three or more words); ranked by full text alone.</summary>
    AllButOne,

    /// <summary>Every word; ranked by full text alone.</summary>
    AllWords,
}
