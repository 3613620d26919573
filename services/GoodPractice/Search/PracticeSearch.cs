using System.Globalization;
using System.Net;
using System.Text;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.Markdown;
using ChampionNetwork.ReferenceData;
using Npgsql;
using NpgsqlTypes;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>
/// Full-text search in PostgreSQL. Misspelt words are first corrected against the corpus's own words
/// (<see cref="SpellingCorrection"/>). Words are then parsed with <c>websearch_to_tsquery</c> (English stemming) and
/// ranked with <c>ts_rank</c> over the weighted vector (title A, summary B, body and tags C):
/// <list type="bullet">
/// <item>an item with every word ranks first (its strict rank counts twice);</item>
/// <item>an item with only some of the words still matches, so a paraphrase finds what shares its key words;</item>
/// <item>among partial matches, pg_trgm word similarity over title, summary and tags favours the closest wording.</item>
/// </list>
/// Queries using websearch operators (quotes, -word, or) are taken strictly. In a large corpus the candidates are
/// narrowed first (<see cref="MatchLevel"/>): ranking tens of thousands of partial matches, or measuring the wording of
/// thousands of close ones, would cost more than it could change in the first pages. Where a page's worth of
/// practices has every word, they come in tiers (<see cref="MatchLevel.Tiered"/>), so that a common pair of words
/// ranks the practices with both in the title, not every one with both in the body. Rows are chosen from the narrow
/// <c>practice_search</c> table, and only a page's rows are joined to their practices. Pages are keyset pages:
/// (score, id), (created_at, id) or (adoption_count, created_at, id), descending.
/// </summary>
public sealed partial class PracticeSearch(NpgsqlDataSource dataSource, SpellingCorrection spelling, AreaRegistry areas, SearchAnswers answers)
{
    /// <summary>At most this many partial matches, the best by rank, are scored in full.</summary>
    public const int MaxPartialMatches = 1_000;

    private const string HeadlineOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    internal async Task<SearchPage> SearchAsync(SearchCriteria criteria, bool member, CancellationToken cancellationToken)
    {
        return await answers.GetOrSearchAsync(criteria, member, token => RunAsync(criteria, member, token), cancellationToken);
    }

    internal async Task<List<SearchHit>> SimilarAsync(Guid practiceId, bool member, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT p.id, p.title, p.summary, p.summary AS snippet, p.organisation_code, p.pillars, p.outcome_codes, p.tags,
                   p.is_public, p.created_at, p.updated_at, p.adoption_count, p.endorsement_count,
                   (similarity(p.search_text, me.search_text)
                    + 0.05 * cardinality(ARRAY(SELECT unnest(p.tags) INTERSECT SELECT unnest(me.tags)))
                    + 0.05 * cardinality(ARRAY(SELECT unnest(p.outcome_codes) INTERSECT SELECT unnest(me.outcome_codes))))::float8 AS score
            FROM practices p, practices me
            WHERE me.id = @id AND p.id <> me.id AND (@member OR p.is_public)
            ORDER BY score DESC, p.id DESC
            LIMIT @limit
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", practiceId);
        command.Parameters.AddWithValue("member", member);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadHitsAsync(command, highlight: false, cancellationToken);
    }

    private async Task<SearchPage> RunAsync(SearchCriteria criteria, bool member, CancellationToken cancellationToken)
    {
        var operators = criteria.Words is { } w && UsesOperators(w);
        if (criteria.Words is not null && !operators)
        {
            criteria = criteria with { Words = await spelling.CorrectAsync(criteria.Words, cancellationToken) };
        }

        if (criteria.Words is null || operators)
        {
            return await PageAsync(criteria, member, MatchLevel.AnyWord, strict: operators, quorum: null, cancellationToken);
        }

        if (criteria.After is { } after)
        {
            return after.Level == MatchLevel.Tiered
                ? await TieredPageAsync(criteria, member, partial: true, cancellationToken)
                : await PageAsync(criteria, member, after.Level, strict: false, await QuorumFor(after.Level, criteria, cancellationToken), cancellationToken);
        }

        // Most searches in a large corpus have a page of practices with every word: then no count is needed, and
        // only the practices with every word in their title (then title or summary, then anywhere) are ranked.
        var first = criteria.Sort == SearchSort.Relevance
            ? await TieredPageAsync(criteria, member, partial: false, cancellationToken)
            : await PageAsync(criteria, member, MatchLevel.AllWords, strict: false, quorum: null, cancellationToken);
        if (first.NextCursor is not null)
        {
            return first;
        }

        var level = await ChooseLevelAsync(criteria, member, cancellationToken);
        return await PageAsync(criteria, member, level, strict: false, await QuorumFor(level, criteria, cancellationToken), cancellationToken);
    }

    private Task<string?> QuorumFor(MatchLevel level, SearchCriteria criteria, CancellationToken cancellationToken) =>
        level == MatchLevel.AllButOne ? AllButOneQueryAsync(criteria.Words!, cancellationToken) : Task.FromResult<string?>(null);

    /// <summary>
    /// A page of the candidates at one level. Only the page's rows are joined to their practices, and a score that
    /// does not order the page is computed for the page's rows alone.
    /// </summary>
    private async Task<SearchPage> PageAsync(
        SearchCriteria criteria, bool member, MatchLevel level, bool strict, string? quorum, CancellationToken cancellationToken)
    {
        var words = criteria.Words is not null;
        var relevance = criteria.Sort == SearchSort.Relevance && words;
        var wording = words && !strict && level == MatchLevel.AnyWord;
        var sql = new StringBuilder(QueryCte);
        sql.Append(" page AS (SELECT * FROM (SELECT p.id, p.created_at, p.adoption_count, p.search_vector, ")
            .Append(words && (strict || level == MatchLevel.AllWords) ? "p.head_vector @@ query.strict" : "false").Append(" AS in_head, ")
            .Append(relevance ? ScoreSql(level, strict, "p", "t") : "NULL::float8").Append(" AS score FROM practice_search p")
            .Append(wording ? " JOIN practices t ON t.id = p.id" : "")
            .Append(", query WHERE (@member OR p.is_public)");
        var filters = new StringBuilder();
        AppendFilters(filters, criteria, byWords: words);
        if (words)
        {
            sql.Append(strict || level == MatchLevel.AllWords
                ? $" AND p.search_vector @@ {StrictQuery}"
                : level == MatchLevel.AllButOne
                ? " AND p.search_vector @@ @quorum::tsquery"
                // Partial matches: the best MaxPartialMatches by rank are scored in full.
                : $"""
                   AND p.id IN (
                      SELECT p.id FROM practice_search p, query WHERE (@member OR p.is_public) AND p.search_vector @@ {LooseQuery}{filters}
                      ORDER BY ts_rank(p.search_vector, query.loose) DESC, p.id DESC LIMIT {MaxPartialMatches})
                  """);
        }

        sql.Append(filters).Append(") s");
        var (keyset, order) = criteria.Sort switch
        {
            SearchSort.Relevance => (" WHERE (s.score, s.id) < (@score, @id)", " ORDER BY {0}score DESC, {0}id DESC"),
            SearchSort.Adopted => (" WHERE (s.adoption_count, s.created_at, s.id) < (@adoptions, @created, @id)", " ORDER BY {0}adoption_count DESC, {0}created_at DESC, {0}id DESC"),
            _ => (" WHERE (s.created_at, s.id) < (@created, @id)", " ORDER BY {0}created_at DESC, {0}id DESC"),
        };
        if (criteria.After is not null)
        {
            sql.Append(keyset);
        }

        sql.Append(string.Format(CultureInfo.InvariantCulture, order, "s.")).Append(" LIMIT @take)");
        sql.Append(PageSelect(relevance || !words ? "c.score" : ScoreSql(level, strict, "c", "t"), summarised: "c.in_head"))
            .Append(string.Format(CultureInfo.InvariantCulture, order, "c."));

        await using var command = dataSource.CreateCommand(sql.ToString());
        AddParameters(command, criteria, member);
        command.Parameters.AddWithValue("quorum", quorum ?? "");
        return await ReadPageAsync(command, criteria, level, cancellationToken);
    }

    /// <summary>
    /// The queries written out where they select rows, not read from the <c>query</c> CTE, so that the planner
    /// estimates how many rows their words match (and chooses the index, or not, by that).
    /// </summary>
    private const string StrictQuery = "websearch_to_tsquery('english', @words)";

    private const string LooseQuery = "replace(plainto_tsquery('english', @words)::text, ' & ', ' | ')::tsquery";

    private const string QueryCte = $"WITH query AS (SELECT {StrictQuery} AS strict, {LooseQuery} AS loose),";

    /// <summary>
    /// The page's rows (<c>page c</c>) with their practices (<c>practices t</c>), and a snippet around the words: of
    /// the body, or of the summary where <paramref name="summarised"/> holds (a hit with every word in its title,
    /// summary or tags, which the summary explains better, and at a third of the cost of parsing the body).
    /// </summary>
    private static string PageSelect(string score, string summarised) => $"""
         SELECT t.id, t.title, t.summary,
                CASE WHEN @words = '' THEN t.summary
                     ELSE ts_headline('english', CASE WHEN {summarised} THEN t.summary ELSE t.body_text END,
                                      (SELECT CASE WHEN numnode(loose) > 0 THEN loose ELSE strict END FROM query), @headline) END AS snippet,
                t.organisation_code, t.pillars, t.outcome_codes, t.tags, t.is_public, t.created_at, t.updated_at,
                t.adoption_count, t.endorsement_count, {score} AS score
         FROM page c JOIN practices t ON t.id = c.id CROSS JOIN query
        """;

    private static string ScoreSql(MatchLevel level, bool strict, string vectors, string text) =>
        strict || level == MatchLevel.AllWords
            ? $"ts_rank({vectors}.search_vector, query.strict)::float8"
            : $"""
               (CASE WHEN {vectors}.search_vector @@ {StrictQuery} THEN 2 * ts_rank({vectors}.search_vector, query.strict)::float8 ELSE 0 END
                + ts_rank({vectors}.search_vector, query.loose)::float8
                {(level == MatchLevel.AnyWord ? $"+ 0.5 * word_similarity(@lowerwords, {text}.search_text)::float8" : "")})
              """;

    private async Task<SearchPage> ReadPageAsync(NpgsqlCommand command, SearchCriteria criteria, MatchLevel level, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("headline", HeadlineOptions);
        command.Parameters.AddWithValue("score", criteria.After?.Score ?? 0d);
        command.Parameters.AddWithValue("adoptions", criteria.After?.Adoptions ?? 0);
        command.Parameters.AddWithValue("created", criteria.After?.CreatedAt ?? DateTimeOffset.UnixEpoch);
        command.Parameters.AddWithValue("id", criteria.After?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue("take", criteria.Limit + 1);
        var hits = await ReadHitsAsync(command, highlight: criteria.Words is not null, cancellationToken);

        var more = hits.Count > criteria.Limit;
        if (more)
        {
            hits.RemoveAt(hits.Count - 1);
        }

        var last = hits.Count > 0 ? hits[^1] : null;
        var next = more && last is not null
            ? new SearchCursor(criteria.Sort.ToString(), criteria.Digest, last.Score, last.AdoptionCount, last.CreatedAt, last.Id, level).Encode()
            : null;
        return new SearchPage(hits, next, criteria.Sort.ToString().ToLowerInvariant());
    }

    /// <summary>
    /// The filters. Where words choose the rows (<paramref name="byWords"/>), they are written so that no index can
    /// serve them: the word index finds a few hundred rows, and testing those costs less than reading a filter's
    /// index for the tens of thousands a pillar or an area holds, which the planner would otherwise AND with it.
    /// </summary>
    private static void AppendFilters(StringBuilder sql, SearchCriteria criteria, bool byWords)
    {
        if (criteria.Pillar is not null)
        {
            sql.Append(byWords ? " AND @pillar = ANY(p.pillars)" : " AND p.pillars @> ARRAY[@pillar]");
        }

        if (criteria.Outcome is not null)
        {
            sql.Append(byWords ? " AND @outcome = ANY(p.outcome_codes)" : " AND p.outcome_codes @> ARRAY[@outcome]");
        }

        if (criteria.Organisation is not null)
        {
            sql.Append(" AND p.organisation_code = @organisation");
        }

        if (criteria.AreaOrganisations is not null)
        {
            sql.Append(byWords ? " AND (p.organisation_code || '') = ANY(@within)" : " AND p.organisation_code = ANY(@within)");
        }

        if (criteria.Tag is not null)
        {
            sql.Append(byWords ? " AND @tag = ANY(p.tags)" : " AND p.tags @> ARRAY[@tag]");
        }
    }

    private static void AddParameters(NpgsqlCommand command, SearchCriteria criteria, bool member)
    {
        command.Parameters.AddWithValue("words", criteria.Words ?? "");
        command.Parameters.AddWithValue("lowerwords", (criteria.Words ?? "").ToLowerInvariant());
        command.Parameters.AddWithValue("member", member);
        command.Parameters.AddWithValue("pillar", criteria.Pillar ?? "");
        command.Parameters.AddWithValue("outcome", criteria.Outcome ?? "");
        command.Parameters.AddWithValue("organisation", criteria.Organisation ?? "");
        command.Parameters.Add(new NpgsqlParameter("within", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = criteria.AreaOrganisations?.ToArray() ?? [] });
        command.Parameters.AddWithValue("tag", criteria.Tag ?? "");
    }

    private async Task<List<SearchHit>> ReadHitsAsync(NpgsqlCommand command, bool highlight, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var organisation = reader.GetString(4);
            hits.Add(new SearchHit(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                Snippet(reader.GetString(3), highlight),
                organisation,
                areas.Summary(organisation).Name,
                reader.GetFieldValue<string[]>(5),
                reader.GetFieldValue<string[]>(6),
                reader.GetFieldValue<string[]>(7),
                reader.GetBoolean(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetInt32(11),
                reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetDouble(13)));
        }

        return hits;
    }

    /// <summary>Text is encoded first; only the highlight markers become markup.</summary>
    private static string Snippet(string text, bool highlight)
    {
        var encoded = WebUtility.HtmlEncode(text);
        return highlight
            ? encoded.Replace(MarkdownRenderer.HighlightStart.ToString(), "<mark>", StringComparison.Ordinal)
                .Replace(MarkdownRenderer.HighlightEnd.ToString(), "</mark>", StringComparison.Ordinal)
            : encoded;
    }

    private static bool UsesOperators(string words) =>
        words.Contains('"', StringComparison.Ordinal)
        || words.StartsWith('-')
        || words.Contains(" -", StringComparison.Ordinal)
        || words.Contains(" or ", StringComparison.OrdinalIgnoreCase);
}
