using System.Text;

namespace ChampionNetwork.GoodPractice.Search;

public sealed partial class PracticeSearch
{
    /// <summary>Matches needed at a level for it to be the candidates: enough to fill the first pages well.</summary>
    public const int EnoughCandidates = 200;

    /// <summary>Longer queries stay at any word: their all-but-one query grows with the square of their length.</summary>
    public const int MaxAllButOneLexemes = 8;

    /// <summary>
    /// The level for a search whose first page the practices with every word could not fill: so fewer than a page
    /// have every word, and the choice is between all the words but one and any word.
    /// </summary>
    private async Task<MatchLevel> ChooseLevelAsync(SearchCriteria criteria, bool member, CancellationToken cancellationToken)
    {
        var quorum = await AllButOneQueryAsync(criteria.Words!, cancellationToken);
        return quorum is not null && await CountAsync(criteria, member, quorum, cancellationToken) >= EnoughCandidates
            ? MatchLevel.AllButOne
            : MatchLevel.AnyWord;
    }

    /// <summary>
    /// "All the words but one" as a tsquery: for lexemes a, b, c, <c>(b &amp; c) | (a &amp; c) | (a &amp; b)</c>.
    /// Null for fewer than three lexemes, where it would be any word, and for more than <see cref="MaxAllButOneLexemes"/>.
    /// </summary>
    private async Task<string?> AllButOneQueryAsync(string words, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT lexeme FROM unnest(to_tsvector('english', @words)) ORDER BY lexeme");
        command.Parameters.AddWithValue("words", words);
        var lexemes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lexemes.Add("'" + reader.GetString(0).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'");
            }
        }

        if (lexemes.Count is < 3 or > MaxAllButOneLexemes)
        {
            return null;
        }

        var query = new StringBuilder();
        for (var left = 0; left < lexemes.Count; left++)
        {
            query.Append(left == 0 ? "(" : " | (").AppendJoin(" & ", lexemes.Where((_, i) => i != left)).Append(')');
        }

        return query.ToString();
    }

    /// <summary>How many visible practices matching the filters have all the words but one, counting no further than enough.</summary>
    private async Task<long> CountAsync(SearchCriteria criteria, bool member, string quorum, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM practice_search p WHERE (@member OR p.is_public) AND p.search_vector @@ @quorum::tsquery");
        AppendFilters(sql, criteria, byWords: true);
        sql.Append(" LIMIT @enough) matches");
        await using var command = dataSource.CreateCommand(sql.ToString());
        AddParameters(command, criteria, member);
        command.Parameters.AddWithValue("quorum", quorum);
        command.Parameters.AddWithValue("enough", EnoughCandidates);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
