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
/// thousands of close ones, would cost more than it could change in the first pages. Pages are keyset pages: (score, id), (created_at, id) or
/// (adoption_count, created_at, id), descending.
/// </summary>
public sealed partial class PracticeSearch(NpgsqlDataSource dataSource, SpellingCorrection spelling, AreaRegistry areas)
{
    /// <summary>At most this many partial matches, the best by rank, are scored in full.</summary>
    public const int MaxPartialMatches = 1_000;

    private const string HeadlineOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    internal async Task<SearchPage> SearchAsync(SearchCriteria criteria, bool member, CancellationToken cancellationToken)
    {
        return await RunAsync(criteria, member, cancellationToken);
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

        var level = criteria.Words is null || operators
            ? MatchLevel.AnyWord
            : criteria.After?.Level ?? (criteria.After is null ? await ChooseLevelAsync(criteria, member, cancellationToken) : MatchLevel.AnyWord);
        var quorum = level == MatchLevel.AllButOne ? await AllButOneQueryAsync(criteria.Words!, cancellationToken) : null;
        var strict = operators;
        var sql = new StringBuilder();
        sql.Append("""
            WITH query AS (
                SELECT websearch_to_tsquery('english', @words) AS strict,
                       replace(plainto_tsquery('english', @words)::text, ' & ', ' | ')::tsquery AS loose),
            scored AS (
                SELECT p.*,
            """);
        sql.Append(criteria.Words is null
            ? " NULL::float8 AS score"
            : strict || level == MatchLevel.AllWords
                ? " ts_rank(p.search_vector, query.strict)::float8 AS score"
                : $"""
                   (CASE WHEN p.search_vector @@ query.strict THEN 2 * ts_rank(p.search_vector, query.strict)::float8 ELSE 0 END
                    + ts_rank(p.search_vector, query.loose)::float8
                    {(level == MatchLevel.AnyWord ? "+ 0.5 * word_similarity(@lowerwords, p.search_text)::float8" : "")}) AS score
                  """);
        sql.Append(" FROM practices p, query WHERE (@member OR p.is_public)");
        var filters = new StringBuilder();
        AppendFilters(filters, criteria);
        if (criteria.Words is not null)
        {
            sql.Append(strict || level == MatchLevel.AllWords
                ? " AND p.search_vector @@ query.strict"
                : level == MatchLevel.AllButOne
                ? " AND p.search_vector @@ @quorum::tsquery"
                // Partial matches: the best MaxPartialMatches by rank are scored in full.
                : $"""
                   AND p.id IN (
                      SELECT p.id FROM practices p, query WHERE (@member OR p.is_public) AND p.search_vector @@ query.loose{filters}
                      ORDER BY ts_rank(p.search_vector, query.loose) DESC, p.id DESC LIMIT {MaxPartialMatches})
                  """);
        }

        sql.Append(filters);

        sql.Append(')');
        sql.Append("""
             SELECT s.id, s.title, s.summary,
                    CASE WHEN @words = '' THEN s.summary
                         ELSE ts_headline('english', s.body_text, (SELECT CASE WHEN numnode(loose) > 0 THEN loose ELSE strict END FROM query), @headline) END AS snippet,
                    s.organisation_code, s.pillars, s.outcome_codes, s.tags, s.is_public, s.created_at, s.updated_at,
                    s.adoption_count, s.endorsement_count, s.score
             FROM scored s
            """);
        var (keyset, order) = criteria.Sort switch
        {
            SearchSort.Relevance => (" WHERE (s.score, s.id) < (@score, @id)", " ORDER BY s.score DESC, s.id DESC"),
            SearchSort.Adopted => (" WHERE (s.adoption_count, s.created_at, s.id) < (@adoptions, @created, @id)", " ORDER BY s.adoption_count DESC, s.created_at DESC, s.id DESC"),
            _ => (" WHERE (s.created_at, s.id) < (@created, @id)", " ORDER BY s.created_at DESC, s.id DESC"),
        };
        if (criteria.After is not null)
        {
            sql.Append(keyset);
        }

        sql.Append(order).Append(" LIMIT @limit");

        await using var command = dataSource.CreateCommand(sql.ToString());
        AddParameters(command, criteria, member);
        command.Parameters.AddWithValue("headline", HeadlineOptions);
        command.Parameters.AddWithValue("quorum", quorum ?? "");
        command.Parameters.AddWithValue("score", criteria.After?.Score ?? 0d);
        command.Parameters.AddWithValue("adoptions", criteria.After?.Adoptions ?? 0);
        command.Parameters.AddWithValue("created", criteria.After?.CreatedAt ?? DateTimeOffset.UnixEpoch);
        command.Parameters.AddWithValue("id", criteria.After?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue("limit", criteria.Limit + 1);
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

    private static void AppendFilters(StringBuilder sql, SearchCriteria criteria)
    {
        if (criteria.Pillar is not null)
        {
            sql.Append(" AND p.pillars @> ARRAY[@pillar]");
        }

        if (criteria.Outcome is not null)
        {
            sql.Append(" AND p.outcome_codes @> ARRAY[@outcome]");
        }

        if (criteria.Organisation is not null)
        {
            sql.Append(" AND p.organisation_code = @organisation");
        }

        if (criteria.AreaOrganisations is not null)
        {
            sql.Append(" AND p.organisation_code = ANY(@within)");
        }

        if (criteria.Tag is not null)
        {
            sql.Append(" AND p.tags @> ARRAY[@tag]");
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
