namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Which practices a word search takes as candidates, and how it ranks them. A first page that a search's practices
/// with every word fill is <see cref="Tiered"/> (by relevance) or <see cref="AllWords"/> (newest, most adopted).
/// Otherwise it is <see cref="AllButOne"/> where at least <see cref="PracticeSearch.EnoughCandidates"/> visible
/// practices have all the words but one, else <see cref="AnyWord"/>. The cursor keeps the level for the pages after it.
/// </summary>
public enum MatchLevel
{
    /// <summary>Any of the words; ranked with their wording too (word similarity). A small corpus, or rare words.</summary>
    AnyWord,

    /// <summary>All the words but at most one (three or more words); ranked by full text alone.</summary>
    AllButOne,

    /// <summary>Every word; ranked by full text alone.</summary>
    AllWords,

    /// <summary>
    /// Every word in the title first, then in the title, summary or tags, then anywhere, then all but one word, then
    /// any word: each tier ranked within itself, and a tier read only when the ones above it run out.
    /// </summary>
    Tiered,
}
