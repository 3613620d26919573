using System.ComponentModel;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Query of <c>GET /api/practices</c>. Every value is read as text so that a bad one is a 400 naming its parameter.
/// </summary>
/// <param name="Q">Words, as a person types them (websearch syntax: "quoted phrase", -excluded, or).</param>
/// <param name="Pillar">Plan, Attract, Train, Employ or Nurture.</param>
/// <param name="Outcome">An outcome code, e.g. NURTURE-S4.</param>
/// <param name="Organisation">The sharing organisation's code.</param>
/// <param name="Area">An area: a board includes its HSCPs and councils, an HSCP its councils; Scotland is everything.</param>
/// <param name="Tag">A free tag.</param>
/// <param name="Sort">relevance (the default with words), newest (the default without) or adopted.</param>
/// <param name="Cursor">The nextCursor of the previous page.</param>
/// <param name="Limit">1 to 50, default 10.</param>
public sealed record SearchRequest(
    string? Q,
    string? Pillar,
    string? Outcome,
    string? Organisation,
    string? Area,
    string? Tag,
    string? Sort,
    string? Cursor,
    string? Limit);

/// <summary>One result; <see cref="SnippetHtml"/> is encoded text with the matched words in mark elements, nothing else.</summary>
public sealed record SearchHit(
    Guid Id,
    string Title,
    string Summary,
    string SnippetHtml,
    string OrganisationCode,
    string OrganisationName,
    IReadOnlyList<string> Pillars,
    IReadOnlyList<string> OutcomeCodes,
    IReadOnlyList<string> Tags,
    bool IsPublic,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int AdoptionCount,
    int EndorsementCount,
    double? Score);

/// <summary>
/// A page of results; <see cref="NextCursor"/> is null on the last page. Immutable once made: a kept answer is the
/// same instance for every reader (<see cref="SearchAnswers"/>).
/// </summary>
[ImmutableObject(true)]
public sealed record SearchPage(IReadOnlyList<SearchHit> Items, string? NextCursor, string Sort);
